// Files left on disk without their row (the server was killed between storing a file and committing its
// row) are deleted after an hour: no file is kept without its claim.
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { inArray } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { requestFile } from "./schema.ts";

export async function sweepOrphanUploads(db: Db, uploadDir: string, olderThanMs = 60 * 60 * 1000): Promise<number> {
  const names = await readdir(uploadDir).catch(() => [] as string[]);
  const old: string[] = [];
  for (const name of names) {
    const info = await stat(join(uploadDir, name)).catch(() => null);
    if (info?.isFile() && Date.now() - info.mtimeMs > olderThanMs) old.push(name);
  }
  let removed = 0;
  for (let i = 0; i < old.length; i += 500) {
    const batch = old.slice(i, i + 500);
    const known = new Set(
      (
        await db
          .select({ name: requestFile.storedName })
          .from(requestFile)
          .where(inArray(requestFile.storedName, batch))
      ).map((r) => r.name),
    );
    for (const name of batch.filter((n) => !known.has(n))) {
      await rm(join(uploadDir, name), { force: true });
      removed += 1;
    }
  }
  return removed;
}
