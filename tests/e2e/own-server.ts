// A spec that changes the demo data (filing claims…) runs against a server and database of its own, so the
// other specs keep seeing the source document's household exactly as seeded.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "@playwright/test";
import { clockEnv } from "../support/clock.ts";

/** Returns the server's data directory: its outbox/ holds the e-mails members would receive. */
export function useOwnServer(port: number): { dataDir: string } {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "espace-e2e-own-"));
  test.use({ baseURL: `http://localhost:${port}` });
  test.beforeAll(async () => {
    child = spawn(process.execPath, ["server.js"], {
      env: { ...process.env, ...clockEnv, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn" },
      stdio: "ignore",
    });
    for (let i = 0; i < 300; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server on port ${port} did not start`);
  });
  test.afterAll(async () => {
    child?.kill("SIGTERM");
    await new Promise((r) => child?.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { dataDir };
}
