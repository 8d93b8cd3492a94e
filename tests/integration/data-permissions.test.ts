// The embedded database, its WAL, the mail outbox (reset links, step-up codes) and uploads are readable by the
// portal's own account only — including files an older version left readable by everyone.
import { chmod, lstat, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "../support/http-client.ts";
import { startNode, waitForOutput, waitForPort } from "../support/process.ts";

async function openToOthers(dir: string): Promise<string[]> {
  const found: string[] = [];
  const stat = await lstat(dir);
  if (stat.mode & 0o077) found.push(`${dir} ${(stat.mode & 0o777).toString(8)}`);
  if (stat.isDirectory()) for (const name of await readdir(dir)) found.push(...(await openToOthers(join(dir, name))));
  return found;
}

describe.skipIf(process.env.TEST_DB === "postgres")("data directory permissions", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), "espace-perms-")), "data");
    // What an older version left behind: a world-readable directory and outbox mail.
    await mkdir(join(dataDir, "outbox"), { recursive: true, mode: 0o755 });
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, "outbox", "ancien.eml"), "Subject: lien de réinitialisation\r\n\r\n…", {
      mode: 0o644,
    });
    await chmod(join(dataDir, "outbox", "ancien.eml"), 0o644);
  });
  afterAll(() => rm(join(dataDir, ".."), { recursive: true, force: true }));

  it("creates every file private and tightens older ones at start", { timeout: 300_000 }, async () => {
    const running = startNode("server.js", { PORT: "0", DATA_DIR: dataDir });
    try {
      const port = await waitForPort(running);
      // A mail lands in the outbox: a reset link is exactly what another local account must not read.
      const res = await fetch(`http://127.0.0.1:${port}/mot-de-passe-oublie`, {
        method: "POST",
        headers: { origin: `http://127.0.0.1:${port}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ identifier: demo.benoit.email }),
        redirect: "manual",
      });
      expect(res.status).toBeLessThan(500);
      for (;;) {
        const mails = (await readdir(join(dataDir, "outbox"))).filter((n) => n !== "ancien.eml");
        if (mails.length > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await openToOthers(dataDir)).toEqual([]);
      expect((await lstat(join(dataDir, "pglite"))).mode & 0o777).toBe(0o700);
      running.child.kill("SIGTERM");
      await waitForOutput(running, /"event":"shutdown"/);
      expect(await running.exited).toBe(0);
    } finally {
      running.child.kill("SIGKILL");
    }
  });
});
