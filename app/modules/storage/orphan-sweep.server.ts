// Files in the storage without their row: the server was killed (or the storage answered but the database
// did not) between storing a file and committing its row, or after a purge committed and before it removed
// the files. They are removed once older than an hour (`olderThan`, in ms): no upload takes that long
// between its file and its row, so a file being attached right now is never taken for an orphan.
//
// Harmless to run twice or on several servers at once: a file already gone is not an error. Each table of
// stored files owns its key space (stored-files.server.ts); any other key is not ours and is left alone.
import { inArray } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import type { ObjectStorage, StoredObjectInfo } from "./storage.server.ts";
import { storedFileKinds } from "./stored-files.server.ts";

const storedName = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const batchSize = 500;

export interface SweepResult {
  /** Files removed, of every kind together. */
  removed: number;
  /** Files looked at (old enough to be judged). */
  examined: number;
}

export async function sweepOrphanFiles(
  services: { db: Db; storage: ObjectStorage },
  { olderThan = 60 * 60 * 1000 }: { olderThan?: number } = {},
): Promise<SweepResult> {
  const { db, storage } = services;
  // The storage's own clock dates the files (mtime, S3's LastModified): compared with this machine's time,
  // an hour leaves room for any difference between the two.
  const cutoff = Date.now() - olderThan;
  const result: SweepResult = { removed: 0, examined: 0 };
  for (const kind of storedFileKinds) {
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const names = batch;
      batch = [];
      const column = kind.table.storedName;
      const known = new Set(
        (await db.select({ name: column }).from(kind.table).where(inArray(column, names))).map((r) => r.name),
      );
      for (const name of names.filter((n) => !known.has(n))) {
        await storage.delete(kind.key(name));
        result.removed += 1;
      }
    };
    for await (const object of storage.list(kind.prefix)) {
      const name = nameUnder(object, kind.prefix);
      if (!name || object.lastModified.getTime() > cutoff) continue;
      result.examined += 1;
      batch.push(name);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  }
  return result;
}

/** The stored name when the key is one of this kind's (directly under its prefix), else null. */
function nameUnder(object: StoredObjectInfo, prefix: string): string | null {
  const rest = object.key.slice(prefix.length);
  return storedName.test(rest) ? rest : null;
}
