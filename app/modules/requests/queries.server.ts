import { desc, eq } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { person } from "../households/schema.ts";
import type { RequestStatus, requestKindLabels } from "./labels.ts";
import { memberRequest } from "./schema.ts";

export interface RequestSummary {
  id: string;
  reference: string;
  kind: keyof typeof requestKindLabels;
  careType: string | null;
  careDate: string | null;
  status: RequestStatus;
  beneficiaryFirstName: string | null;
}

/** The household's latest démarches, newest first. */
export async function listLatestRequests(db: Db, viewer: MemberViewer, limit = 2): Promise<RequestSummary[]> {
  return db
    .select({
      id: memberRequest.id,
      reference: memberRequest.reference,
      kind: memberRequest.kind,
      careType: memberRequest.careType,
      careDate: memberRequest.careDate,
      status: memberRequest.status,
      beneficiaryFirstName: person.firstName,
    })
    .from(memberRequest)
    .leftJoin(person, eq(person.id, memberRequest.beneficiaryId))
    .where(eq(memberRequest.householdId, viewer.householdId))
    .orderBy(desc(memberRequest.createdAt), desc(memberRequest.id))
    .limit(limit);
}
