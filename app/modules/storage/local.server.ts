// The local driver: files in a directory (UPLOAD_DIR, default DATA_DIR/uploads), for one server and
// `npm start`. A write goes to a private temporary file in the same file system, then is renamed into place:
// a crash mid-write leaves no partial file under its key, only a temporary one that the next start removes.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { checkKey, checkPrefix, type ObjectStorage, type StoredObjectInfo } from "./storage.server.ts";

/** Temporary files of writes under way; hidden from list() (names starting with "." are never keys). */
const partialDir = ".partial";

export function createLocalStorage(root: string): ObjectStorage {
  const pathOf = (key: string) => join(root, ...checkKey(key).split("/"));
  return {
    kind: "local",
    description: `local:${root}`,
    async put(key, body) {
      const target = pathOf(key);
      const temporary = join(root, partialDir, randomUUID());
      await mkdir(join(root, partialDir), { recursive: true, mode: 0o700 });
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      try {
        await pipeline(body, createWriteStream(temporary, { flags: "wx", mode: 0o600 }));
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key) {
      const handle = await open(pathOf(key), "r").catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "EISDIR") return null;
        throw error;
      });
      if (!handle) return null;
      let sizeBytes: number;
      try {
        const info = await handle.stat();
        if (!info.isFile()) {
          await handle.close();
          return null;
        }
        sizeBytes = info.size;
      } catch (error) {
        await handle.close(); // no stream owns the handle yet
        throw error;
      }
      // Streamed in 64 KiB reads; the handle closes when the stream ends or is destroyed.
      return { body: handle.createReadStream({ highWaterMark: 64 * 1024 }), sizeBytes };
    },
    async stat(key) {
      const info = await stat(pathOf(key)).catch(() => null);
      return info?.isFile() ? { key, sizeBytes: info.size, lastModified: info.mtime } : null;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    list(prefix) {
      checkPrefix(prefix);
      return walk(root, "", prefix);
    },
    async check() {
      await mkdir(root, { recursive: true, mode: 0o700 });
      const probe = join(root, partialDir, `check-${randomUUID()}`);
      await mkdir(join(root, partialDir), { recursive: true, mode: 0o700 });
      await writeFile(probe, "", { flag: "wx", mode: 0o600 });
      await rm(probe, { force: true });
    },
    close() {},
  };
}

async function* walk(root: string, relative: string, prefix: string): AsyncGenerator<StoredObjectInfo> {
  // Only folders on the way to the prefix, or under it, are read.
  if (!prefix.startsWith(relative) && !relative.startsWith(prefix)) return;
  const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const key = `${relative}${entry.name}`;
    if (entry.isDirectory()) yield* walk(root, `${key}/`, prefix);
    else if (entry.isFile() && key.startsWith(prefix)) {
      const info = await stat(join(root, key)).catch(() => null);
      if (info) yield { key, sizeBytes: info.size, lastModified: info.mtime };
    }
  }
}

/** Temporary files of writes a killed process never finished (older than an hour): removed at start. */
export async function removeStalePartials(root: string, olderThanMs = 60 * 60 * 1000): Promise<number> {
  const dir = join(root, partialDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (info && Date.now() - info.mtimeMs > olderThanMs) {
      await rm(join(dir, name), { force: true });
      removed += 1;
    }
  }
  return removed;
}
