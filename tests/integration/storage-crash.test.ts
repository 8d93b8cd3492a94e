// File first, then row: a real `node server.js` on S3 (s3rver) killed with SIGKILL in the middle of an
// upload, at the two moments that matter, then the state it left read directly (bucket and database):
//   1. before the S3 server has the file: nothing stored, no row;
//   2. after the S3 server stored the file, before the portal heard so (so before its row): the file is an
//      orphan, no row points to it, and the orphan sweep removes it.
// Never a row without its file. The kill comes from a relay between the portal and the S3 server, which
// holds the S3 answer while it kills the portal: no test hook in the portal.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestFile } from "../../app/modules/requests/schema.ts";
import { openDatabase } from "../../app/modules/db/client.server.ts";
import { createS3Storage } from "../../app/modules/storage/s3.server.ts";
import { sweepOrphanFiles } from "../../app/modules/storage/orphan-sweep.server.ts";
import { parseStorageUrl } from "../../app/modules/storage/storage-url.ts";
import { recentDay } from "../support/clock.ts";
import { demo, TestClient } from "../support/http-client.ts";
import { type Running, startNode, waitForPort } from "../support/process.ts";
import { type S3Server, s3Credentials, startS3Relay, startS3Server } from "../support/s3.ts";
import { storedKeys } from "../support/stored-files.ts";

const invoice = () => readFileSync("config/notices/notice-information-2026.pdf");

describe.skipIf(process.env.TEST_DB === "postgres")("a server killed between a file and its row", () => {
  let s3: S3Server;
  let dataDir: string;
  beforeAll(async () => {
    s3 = await startS3Server("crash");
    dataDir = mkdtempSync(join(tmpdir(), "espace-crash-"));
  });
  afterAll(async () => {
    await s3.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const bucket = () => {
    const parsed = parseStorageUrl(s3.storageUrl(), { localRoot: "/unused" });
    if (!("config" in parsed) || parsed.config.kind !== "s3") throw new Error("s3");
    return createS3Storage(parsed.config);
  };

  /** The portal on S3 through a relay; `kill` says, for each S3 request, whether to kill the portal there. */
  async function portal(kill: { beforeS3?: boolean; afterS3?: boolean }) {
    let armed = false;
    let running: Running | null = null;
    const isUpload = (method: string, url: string) => method === "PUT" && !url.includes("partNumber");
    const killHere = async () => {
      running!.child.kill("SIGKILL");
      await running!.exited;
      return "drop" as const;
    };
    const relay = await startS3Relay(
      s3.endpoint,
      (request, status) =>
        armed && kill.afterS3 && isUpload(request.method, request.url) && status === 200 ? killHere() : "relay",
      (request) => (armed && kill.beforeS3 && isUpload(request.method, request.url) ? killHere() : "relay"),
    );
    running = startNode("server.js", {
      PORT: "0",
      DATA_DIR: dataDir,
      STORAGE_URL: s3.storageUrl({ endpoint: relay.endpoint }),
      ...s3Credentials,
    });
    const port = await waitForPort(running);
    const client = new TestClient(`http://127.0.0.1:${port}`);
    await client.signIn(demo.benoit.number, demo.benoit.password);
    const form = await (await client.get("/demandes/nouvelle")).text();
    const beneficiaryId = /name="beneficiaryId"[^>]*value="([0-9a-f-]{36})"/.exec(form)![1]!;
    const draft = await client.post("/demandes/nouvelle", {
      intent: "details",
      beneficiaryId,
      careType: "chiropractie",
      lieu: "france",
      careDate: recentDay("2026-11-20"),
      amount: "80,00",
    });
    const draftId = new URL(draft.headers.get("location")!, client.baseUrl).searchParams.get("brouillon")!;
    const upload = () =>
      client.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
        { name: "facture.pdf", bytes: invoice() },
      ]);
    return {
      running,
      upload,
      arm: () => (armed = true),
      stop: () => relay.stop(),
    };
  }

  it("keeps neither file nor row when killed before the S3 server has the file", async () => {
    const p = await portal({ beforeS3: true });
    try {
      // One attachment goes through whole first: its file and its row are there.
      expect((await p.upload()).status).toBe(302);
      expect(await storedKeys(bucket())).toHaveLength(1);
      p.arm();
      await expect(p.upload()).rejects.toThrow("fetch failed"); // the connection dies with the server
      expect(await p.running.exited).toBeNull(); // killed by the signal, no exit code
      expect(await storedKeys(bucket())).toHaveLength(1);
    } finally {
      p.running.child.kill("SIGKILL");
      await p.stop();
    }
  });

  it("leaves only an orphan file, which the sweep removes, when killed after the S3 server stored it", async () => {
    // The same embedded database, restarted after the kill above.
    const p = await portal({ afterS3: true });
    try {
      p.arm();
      await expect(p.upload()).rejects.toThrow("fetch failed"); // the connection dies with the server
      expect(await p.running.exited).toBeNull();
    } finally {
      p.running.child.kill("SIGKILL");
      await p.stop();
    }
    const storage = bucket();
    const database = await openDatabase({ dataDir });
    try {
      const rows = (await database.db.select({ storedName: requestFile.storedName }).from(requestFile)).map(
        (r) => r.storedName,
      );
      const keys = await storedKeys(storage);
      expect(rows).toHaveLength(1); // the first test's attachment, nothing from either killed upload
      expect(keys).toHaveLength(2);
      // Never a row without its file.
      for (const name of rows) expect(keys).toContain(name);
      const orphan = keys.find((k) => !rows.includes(k))!;
      // Too young for the hourly sweep (its row might still be committing), then old enough.
      expect((await sweepOrphanFiles({ db: database.db, storage })).removed).toBe(0);
      expect(await sweepOrphanFiles({ db: database.db, storage }, { olderThan: 0 })).toEqual({
        removed: 1,
        examined: 2,
      });
      expect(await storedKeys(storage)).toEqual(rows);
      expect(await storage.stat(orphan)).toBeNull();
    } finally {
      await database.close();
      storage.close();
    }
  });
});
