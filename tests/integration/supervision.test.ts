// `npm start` runs supervisor.js: a server process that dies is replaced, a refused configuration stops
// everything at once with its reason, and SIGTERM stops the whole tree cleanly.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/haproxy.ts";
import { startNode, waitForOutput, waitForPort } from "../support/process.ts";

const slow = { timeout: 300_000 };

async function healthy(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
  return res?.status === 200;
}

describe.skipIf(process.env.TEST_DB === "postgres")("supervisor", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "espace-supervisor-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("replaces a server process that dies, and stops the whole tree on SIGTERM", slow, async () => {
    // A fixed port, as in production (with port 0 each new process would get a port of its own).
    const running = startNode("supervisor.js", { PORT: String(await freePort()), DATA_DIR: dataDir });
    try {
      const port = await waitForPort(running);
      const firstPid = Number((await waitForOutput(running, /"event":"server_started".*?"pid":(\d+)/))[1]);
      expect(await healthy(port)).toBe(true);

      process.kill(firstPid, "SIGKILL");
      await waitForOutput(running, /"event":"worker_exited"/);
      const secondPid = Number((await waitForOutput(running, /"event":"server_started".*?"pid":(\d+)/, 2))[1]);
      expect(secondPid).not.toBe(firstPid);
      expect(await waitForPort(running, 2)).toBe(port); // the same address keeps serving
      expect(await healthy(port)).toBe(true);

      running.child.kill("SIGTERM");
      expect(await running.exited).toBe(0);
      expect(() => process.kill(secondPid, 0)).toThrow(/ESRCH/); // no server process left behind
    } finally {
      running.child.kill("SIGKILL");
    }
  });

  it(
    "stops at once on a refused configuration, with its French reason, instead of restarting in a loop",
    slow,
    async () => {
      const running = startNode("supervisor.js", { PORT: "0", DATA_DIR: dataDir, TRUST_PROXY: "le-répartiteur" });
      expect(await running.exited).toBe(78);
      expect(running.output()).toContain("TRUST_PROXY: « le-répartiteur » n'est pas reconnu");
      expect(running.output().match(/Configuration invalide/g)).toHaveLength(1);
      expect(running.output()).not.toMatch(/\n\s+at /);
    },
  );

  it("refuses several processes on the embedded database", slow, async () => {
    const running = startNode("supervisor.js", { PORT: "0", DATA_DIR: dataDir, WORKERS: "2" });
    expect(await running.exited).toBe(78);
    expect(running.output()).toContain("WORKERS: plusieurs processus demandent DATABASE_URL");
  });

  it("refuses several processes without one AUTH_SECRET for all", slow, async () => {
    const running = startNode("supervisor.js", {
      PORT: "0",
      DATA_DIR: dataDir,
      WORKERS: "2",
      DATABASE_URL: "postgres://127.0.0.1:1/x",
      AUTH_SECRET: "",
    });
    expect(await running.exited).toBe(78);
    expect(running.output()).toContain("WORKERS: plusieurs processus demandent AUTH_SECRET");
  });
});
