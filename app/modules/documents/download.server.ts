import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";

// Every document the portal generates (PDFs, CSV) goes through here: always a download. Files members and
// advisors uploaded go through serveStoredFile (serve-file.server.ts). (Cache-Control: no-store and
// X-Content-Type-Options: nosniff are on every page and file already, set in server/app.ts.)
export function downloadResponse(
  body: Buffer | string,
  { contentType, filename }: { contentType: string; filename: string },
): Response {
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}

/** Every document a member downloads is in the audit log: which kind, by whom, from where. */
export async function recordDownload(
  db: Db,
  { viewer, ip, details }: { viewer: MemberViewer; ip: string; details: Record<string, string | number> },
): Promise<void> {
  await recordAudit(db, {
    action: "document.download",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details,
  });
}
