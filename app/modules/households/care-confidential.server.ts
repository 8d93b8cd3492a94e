// A beneficiary's confidentiality of care (16 and over, docs/account-security.md): the contract holder then
// sees the amounts paid for them, not what the care was. The choice is the beneficiary's alone, from their own login.
import { and, eq } from "drizzle-orm";
import { mayHaveOwnAccess, relationOf } from "../accounts/scopes.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { person } from "./schema.ts";

/** The beneficiary's own choice: whether the contract holder sees their care (on) or only the amounts (off). */
export async function getCareConfidential(db: Db, viewer: MemberViewer): Promise<boolean | null> {
  if (relationOf(viewer) !== "beneficiary") return null;
  const [row] = await db
    .select({ on: person.careConfidential })
    .from(person)
    .where(and(eq(person.id, viewer.personId), eq(person.householdId, viewer.householdId)));
  return row?.on ?? null;
}

/**
 * A beneficiary aged 16+ asks (or stops asking) that their care stay private. Only from their own login: never
 * the holder, never a carer.
 */
export async function setCareConfidential(
  deps: { db: Db; clock: Clock },
  viewer: MemberViewer,
  on: boolean,
  ip: string,
): Promise<void> {
  if (relationOf(viewer) !== "beneficiary") throw new AppError("not_found", "Page introuvable", 404);
  const [p] = await deps.db
    .select({ birthDate: person.birthDate })
    .from(person)
    .where(and(eq(person.id, viewer.personId), eq(person.householdId, viewer.householdId)));
  if (!p || !mayHaveOwnAccess(p.birthDate, deps.clock.today()))
    throw new AppError("age", "La confidentialité des soins peut être demandée à partir de 16 ans.", 422);
  await deps.db.update(person).set({ careConfidential: on }).where(eq(person.id, viewer.personId));
  await recordAudit(deps.db, {
    action: "access.confidentiality_changed",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { personId: viewer.personId, confidential: on },
  });
}
