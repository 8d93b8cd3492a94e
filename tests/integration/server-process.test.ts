// The real `node server.js` process: start-up checks, first-start seeding, graceful shutdown.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockEnv } from "../support/clock.ts";
import { startNode, waitForOutput, waitForPort } from "../support/process.ts";

// No time budget on a start (a loaded machine may take long): the tests wait on the process's own events, a
// start-up line or an exit, under one generous ceiling that only stops a server that never comes up.
const ceilingMs = 180_000;

function runImport(dataDir: string, file: string) {
  return spawnSync(process.execPath, ["scripts/import-decomptes.ts", file], {
    env: { ...process.env, ...clockEnv, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
}

const startServer = (env: Record<string, string>) => startNode("server.js", env);

// One embedded database per run; this file exercises the process, not the database flavour.
describe.skipIf(process.env.TEST_DB === "postgres")("server process", { timeout: 2 * ceilingMs }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "espace-process-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("refuses to start on invalid configuration, naming the variable in French", async () => {
    const running = startServer({ PORT: "pas-un-port", DATA_DIR: dataDir, SMTP_URL: "http://x" });
    expect(await running.exited).toBe(78); // EX_CONFIG: neither the supervisor nor systemd restarts it
    expect(running.output()).toContain("Configuration invalide");
    expect(running.output()).toContain("PORT");
    expect(running.output()).toContain("SMTP_URL: doit commencer par smtp:// ou smtps://");
  });

  it("refuses an S3 endpoint carrying credentials, and never prints them", async () => {
    const running = startServer({
      PORT: "0",
      DATA_DIR: dataDir,
      STORAGE_URL: "s3://pieces?region=fr-par&endpoint=https://AKIDEXAMPLE:TopSecret42@s3.fr-par.example",
    });
    expect(await running.exited).toBe(78);
    expect(running.output()).toContain("STORAGE_URL: ne mettez pas d'identifiants");
    expect(running.output()).toContain("AWS_ACCESS_KEY_ID");
    expect(running.output()).not.toContain("TopSecret42");
    expect(running.output()).not.toContain("AKIDEXAMPLE");
  });

  it("refuses to serve without a build, saying which command makes one", async () => {
    const { copyFileSync } = await import("node:fs");
    const elsewhere = await mkdtemp(join(tmpdir(), "espace-nobuild-"));
    try {
      copyFileSync("server.js", join(elsewhere, "server.js"));
      const orphan = startNode(join(elsewhere, "server.js"), { PORT: "0", DATA_DIR: dataDir });
      expect(await orphan.exited).toBe(78);
      expect(orphan.output()).toContain("npm run build");
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it("refuses to start on a malformed guarantee table, saying where", async () => {
    const { writeFileSync } = await import("node:fs");
    const bad = join(dataDir, "garanties.json");
    writeFileSync(
      bad,
      JSON.stringify({
        formatVersion: 1,
        products: [
          {
            id: "p",
            label: "P",
            responsible: true,
            levels: [
              {
                id: "l",
                label: "L",
                versions: [
                  {
                    effectiveFrom: "2026-01-01",
                    forfaits: [],
                    lines: [{ id: "x", category: "inconnue", rule: { kind: "eurosPerAct", amountCents: 100 } }],
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const running = startServer({ PORT: "0", DATA_DIR: join(dataDir, "bad"), GUARANTEE_TABLES: bad });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain("garanties.json");
    expect(running.output()).toContain("inconnue");
    expect(running.output()).not.toMatch(/\n\s+at /);
  });

  it("seeds a brand-new embedded database once, finishes an in-flight request on SIGTERM, and exits cleanly", async () => {
    const first = startServer({ PORT: "0", DATA_DIR: dataDir });
    const port = await waitForPort(first);
    expect(first.output()).toContain('"event":"demo_data_seeded"');

    // A sign-in whose body is still arriving when SIGTERM comes: it must still be answered.
    const body = "identifier=10000001&password=demo-adherent-2026";
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) =>
      socket.on("connect", () => {
        resolve();
      }),
    );
    let answer = "";
    socket.on("data", (d: Buffer) => (answer += d.toString()));
    const closed = new Promise<void>((resolve) =>
      socket.on("close", () => {
        resolve();
      }),
    );
    socket.write(
      `POST /connexion HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n` +
        body.slice(0, 10),
    );
    await new Promise((r) => setTimeout(r, 200));
    first.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    socket.write(body.slice(10));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 302/);
    expect(answer).toMatch(/location: \//i);
    expect(await first.exited, first.output().slice(-1500)).toBe(0);
    expect(first.output()).toContain('"event":"shutdown"');

    // With the server stopped, the import command can use the embedded database.
    const imported = runImport(dataDir, "docs/examples/decomptes-exemple.csv");
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/3 lignes lues en [\d.]+ s — 3 ajoutées, 0 corrigées, 0 inchangées, 0 rejetées\./);

    // Second start on the same data: no new demo data, the member still signs in.
    const second = startServer({ PORT: "0", DATA_DIR: dataDir });
    const port2 = await waitForPort(second);
    // The process runs the job queue: the first round runs each schedule's slot (the RIB holds among them).
    await waitForOutput(second, /"event":"job_done","job":"bank_changes\.apply"/);
    // While the server holds the embedded database, the import command stops and says why.
    const refused = runImport(dataDir, "docs/examples/decomptes-exemple.csv");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("est déjà ouverte par le processus");
    expect(second.output()).not.toContain("demo_data_seeded");
    const res = await fetch(`http://127.0.0.1:${port2}/connexion`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: `http://127.0.0.1:${port2}`, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(res.status).toBe(302);
    const gz = await fetch(`http://127.0.0.1:${port2}/connexion`, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    second.child.kill("SIGTERM");
    expect(await second.exited, second.output().slice(-1500)).toBe(0);
  });
});
