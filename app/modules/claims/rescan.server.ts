// Files kept in quarantine because clamd could not be reached are scanned again once it answers: clean ones
// are released, infected ones deleted (file and row). Run hourly by the server, harmless to run twice.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { type FileStore, requestFileKey } from "./attachments.server.ts";
import { requestFile } from "../requests/schema.ts";

export async function rescanQuarantined(
  db: Db,
  { storage, scanner }: Pick<FileStore, "storage" | "scanner">,
): Promise<{ released: number; deleted: number }> {
  const result = { released: 0, deleted: 0 };
  if (!scanner) return result;
  const files = await db
    .select({ id: requestFile.id, storedName: requestFile.storedName })
    .from(requestFile)
    .where(eq(requestFile.quarantined, true))
    .limit(500);
  for (const file of files) {
    const stored = await storage.get(requestFileKey(file.storedName));
    if (!stored) continue; // its file is gone (a restored database): nothing to scan, nothing to serve
    const scan = await scanner.scan(stored.body);
    if (scan.status === "clean") {
      await db.update(requestFile).set({ quarantined: false }).where(eq(requestFile.id, file.id));
      result.released += 1;
    } else if (scan.status === "infected") {
      // The row first, then the file: a row never points to a missing file.
      await db.delete(requestFile).where(eq(requestFile.id, file.id));
      await storage.delete(requestFileKey(file.storedName));
      result.deleted += 1;
    } else {
      break; // still unreachable: try again next time
    }
  }
  return result;
}
