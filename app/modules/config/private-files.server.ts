// Members' data on disk — the embedded database and its WAL, the mail outbox (step-up codes, reset links),
// uploaded documents, the generated secret — is for the portal's own account only: new files are created
// without group or other permissions, and files left readable by an older version are tightened at start.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Creates `dir` if needed and makes it and everything in it private to this account. */
export function keepPrivate(dir: string): { tightened: number } {
  restrictNewFiles();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { tightened: tighten(dir) };
}

function restrictNewFiles(): void {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads cannot change the umask; their files are tightened at the next start.
  }
}

function tighten(path: string): number {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return 0;
  let count = 0;
  if (stat.mode & 0o077) {
    chmodSync(path, stat.mode & 0o7700);
    count++;
  }
  if (stat.isDirectory()) for (const name of readdirSync(path)) count += tighten(join(path, name));
  return count;
}
