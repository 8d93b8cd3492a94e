// A spec that changes the demo data (filing claims…) runs against a server and database of its own, so the
// other specs keep seeing the source document's household exactly as seeded.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "@playwright/test";
import { clockEnv } from "../support/clock.ts";

/**
 * A port the kernel says is free right now. Asked when the spec file loads, because the spec's base URL must be
 * known before its tests are declared; never a number written in a spec, which two runs at once would share.
 */
export function freePort(): number {
  const script =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

/**
 * Returns the server's data directory: its outbox/ holds the e-mails members would receive. `env` adds
 * variables to the server's (e.g. IMPORT_API_TOKEN for a spec that imports lines, the map's tile server).
 */
export function useOwnServer({ env = {} }: { env?: Record<string, string> } = {}): { dataDir: string } {
  const port = freePort();
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "espace-e2e-own-"));
  test.use({ baseURL: `http://localhost:${port}` });
  test.beforeAll(async () => {
    child = spawn(process.execPath, ["server.js"], {
      env: {
        ...process.env,
        ...clockEnv,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        ...env,
      },
      stdio: "ignore",
    });
    // A first start creates and seeds a database: slow on a busy machine. Wait for it to answer (or die).
    test.setTimeout(180_000);
    const started = child;
    while (started.exitCode === null) {
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server on port ${port} exited with code ${started.exitCode}`);
  });
  test.afterAll(async () => {
    child?.kill("SIGTERM");
    await new Promise((r) => child?.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { dataDir };
}
