// One contract for every storage driver: the local directory and S3 (against s3rver, a real S3 protocol
// server in its own process, ADR 0014). The same cases run on each, through the ObjectStorage interface only.
import { clockEnv } from "../support/clock.ts";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStorage } from "../../app/modules/storage/local.server.ts";
import { createS3Storage } from "../../app/modules/storage/s3.server.ts";
import { type ObjectStorage, openStorage, StorageUnavailable } from "../../app/modules/storage/index.server.ts";
import { parseStorageUrl, type StorageConfig } from "../../app/modules/storage/storage-url.ts";
import { InvalidStorageKey } from "../../app/modules/storage/storage.server.ts";
import { type S3Server, startS3Relay, startS3Server } from "../support/s3.ts";
import { storedBytes, storedKeys } from "../support/stored-files.ts";

const s3Config = (url: string): Extract<StorageConfig, { kind: "s3" }> => {
  const parsed = parseStorageUrl(url, { localRoot: "/unused" });
  if (!("config" in parsed) || parsed.config.kind !== "s3") throw new Error(JSON.stringify(parsed));
  return parsed.config;
};

/** `size` bytes of a repeating but position-dependent pattern, produced 64 KiB at a time (never whole). */
function generated(size: number): { stream: () => Readable; sha256: string } {
  const chunk = (i: number) => {
    const length = Math.min(65536, size - i * 65536);
    const buffer = Buffer.alloc(length, i % 251);
    buffer.writeUInt32BE(i, 0);
    return buffer;
  };
  const count = Math.ceil(size / 65536);
  const hash = createHash("sha256");
  for (let i = 0; i < count; i++) hash.update(chunk(i));
  return {
    stream: () =>
      Readable.from(
        (function* () {
          for (let i = 0; i < count; i++) yield chunk(i);
        })(),
      ),
    sha256: hash.digest("hex"),
  };
}

const sha256Of = (bytes: Buffer | null) =>
  createHash("sha256")
    .update(bytes ?? Buffer.alloc(0))
    .digest("hex");

let s3: S3Server;
let localRoot: string;
const drivers: Record<string, () => ObjectStorage> = {};
beforeAll(async () => {
  s3 = await startS3Server("contrat");
  localRoot = mkdtempSync(join(tmpdir(), "storage-contract-"));
  drivers.local = () => createLocalStorage(localRoot);
  // Small pages, so listing goes through continuation tokens as it does past 1,000 files in production.
  drivers.s3 = () => createS3Storage(s3Config(s3.storageUrl({ prefix: "portail" })), { listPageSize: 2 });
});
afterAll(async () => {
  await s3.stop();
  rmSync(localRoot, { recursive: true, force: true });
});

describe.skipIf(process.env.TEST_DB === "postgres").each(["local", "s3"])("storage contract: %s", (driver) => {
  let storage: ObjectStorage;
  beforeAll(() => {
    storage = drivers[driver]!();
  });
  afterAll(() => {
    storage.close();
  });

  it("puts a stream, gets it back as a stream with its size, stats it, deletes it (twice is harmless)", async () => {
    const key = randomUUID();
    const bytes = Buffer.from("%PDF-1.4 une facture");
    await storage.put(key, Readable.from([bytes]), { contentLength: bytes.length, contentType: "application/pdf" });
    const got = await storage.get(key);
    expect(got!.sizeBytes).toBe(bytes.length);
    expect(got!.body).toBeInstanceOf(Readable);
    got!.body.destroy();
    expect(await storedBytes(storage, key)).toEqual(bytes);
    const info = await storage.stat(key);
    expect(info).toMatchObject({ key, sizeBytes: bytes.length });
    expect(Math.abs(info!.lastModified.getTime() - Date.now())).toBeLessThan(10 * 60 * 1000);
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    expect(await storage.stat(key)).toBeNull();
  });

  it("streams a 12 MiB file both ways, of known length and of unknown length (multipart on S3)", async () => {
    const file = generated(12 * 1024 * 1024 + 123);
    await storage.put("gros/connu", file.stream(), { contentLength: 12 * 1024 * 1024 + 123 });
    await storage.put("gros/inconnu", file.stream());
    for (const key of ["gros/connu", "gros/inconnu"]) {
      const got = await storage.get(key);
      expect(got!.sizeBytes).toBe(12 * 1024 * 1024 + 123);
      const hash = createHash("sha256");
      for await (const chunk of got!.body) hash.update(chunk as Buffer);
      expect(hash.digest("hex")).toBe(file.sha256);
      await storage.delete(key);
    }
  });

  it("keeps nothing of a write whose stream fails midway", async () => {
    const key = randomUUID();
    const failing = Readable.from(
      (function* () {
        yield Buffer.alloc(256 * 1024, 1);
        throw new Error("connection lost");
      })(),
    );
    await expect(storage.put(key, failing, { contentLength: 1024 * 1024 })).rejects.toThrow("connection lost");
    const failingUnknown = Readable.from(
      (function* () {
        yield Buffer.alloc(6 * 1024 * 1024, 1);
        throw new Error("connection lost");
      })(),
    );
    await expect(storage.put(`${key}-b`, failingUnknown)).rejects.toThrow("connection lost");
    expect(await storage.stat(`${key}-b`)).toBeNull(); // the multipart upload was aborted
    if (driver === "local") {
      expect(await storage.stat(key)).toBeNull();
      expect((await storedKeys(storage)).filter((k) => k.startsWith(key))).toEqual([]);
    } else {
      // S3 refuses a PutObject shorter than its Content-Length; s3rver sometimes keeps what it received
      // (ADR 0014). Either way no row points to it, and the orphan sweep removes it.
      await storage.delete(key);
    }
  });

  it("lists by prefix, nested keys included, page after page", async () => {
    const keys = ["liste/a", "liste/b", "liste/c", "liste/sous/d", "liste/sous/e", "listeautre/f", "ailleurs"];
    for (const key of keys) await storage.put(key, Readable.from([Buffer.from(key)]));
    expect(await storedKeys(storage, "liste/")).toEqual([
      "liste/a",
      "liste/b",
      "liste/c",
      "liste/sous/d",
      "liste/sous/e",
    ]);
    expect(await storedKeys(storage, "liste/sous/")).toEqual(["liste/sous/d", "liste/sous/e"]);
    expect(await storedKeys(storage, "rien/")).toEqual([]);
    const all = await storedKeys(storage);
    for (const key of keys) expect(all).toContain(key);
    for await (const object of storage.list("liste/sous/")) expect(object.sizeBytes).toBe(object.key.length);
    for (const key of keys) await storage.delete(key);
    expect(await storedKeys(storage, "liste")).toEqual([]);
  });

  it("refuses keys that could leave its space", async () => {
    for (const key of ["../etc/passwd", "/abs", "a//b", "", "a/../b", ".cache", "a/", "a b"]) {
      await expect(storage.put(key, Readable.from([Buffer.from("x")]))).rejects.toBeInstanceOf(InvalidStorageKey);
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKey);
    }
  });

  it("lets go of downloads abandoned halfway: many in a row leave the next request served", async () => {
    const file = generated(1024 * 1024);
    await storage.put("abandon", file.stream(), { contentLength: 1024 * 1024 });
    // More than the S3 client's connection pool (256): a leaked connection would stall the next get.
    for (let i = 0; i < 300; i++) {
      const got = await storage.get("abandon");
      await new Promise<void>((resolve) => got!.body.once("readable", resolve));
      got!.body.destroy();
    }
    expect(sha256Of(await storedBytes(storage, "abandon"))).toBe(file.sha256);
    await storage.delete("abandon");
  });
});

describe.skipIf(process.env.TEST_DB === "postgres")("S3 specifics, still standard S3", () => {
  it("keeps two portals apart by key prefix in one bucket", async () => {
    const a = createS3Storage(s3Config(s3.storageUrl({ prefix: "recette" })));
    const b = createS3Storage(s3Config(s3.storageUrl({ prefix: "production/portail" })));
    await a.put("x", Readable.from([Buffer.from("recette")]));
    expect(await b.get("x")).toBeNull();
    expect(await storedKeys(b)).not.toContain("x");
    expect(await storedKeys(a)).toContain("x");
    await a.delete("x");
    a.close();
    b.close();
  });

  it("asks for server-side encryption on every write (single and multipart)", async () => {
    const relay = await startS3Relay(s3.endpoint);
    const storage = createS3Storage(s3Config(s3.storageUrl({ endpoint: relay.endpoint, params: { sse: "AES256" } })));
    try {
      await storage.put("chiffre-1", Readable.from([Buffer.from("secret")]), { contentLength: 6 });
      await storage.put("chiffre-2", generated(6 * 1024 * 1024).stream());
      const writes = relay.seen.filter(
        (r) =>
          (r.method === "PUT" && !/[?&]partNumber=/.test(r.url)) || (r.method === "POST" && r.url.includes("uploads")),
      );
      expect(writes.length).toBeGreaterThanOrEqual(2);
      for (const write of writes) expect(write.headers["x-amz-server-side-encryption"]).toBe("AES256");
      // No SDK checksum trailers (aws-chunked bodies), which S3-compatible servers store as data or refuse.
      for (const write of relay.seen)
        expect(String(write.headers["content-encoding"] ?? "")).not.toContain("aws-chunked");
      await storage.delete("chiffre-1");
      await storage.delete("chiffre-2");
    } finally {
      storage.close();
      await relay.stop();
    }
  });

  it("refuses to start on a bucket that does not exist or on wrong credentials, saying which storage", async () => {
    await expect(openStorage({ ...s3Config(s3.storageUrl()), bucket: "absent" })).rejects.toThrow(
      /^Stockage des fichiers injoignable : s3:\/\/absent\/ \(127\.0\.0\.1:\d+\) : \w+ \(HTTP 404\)$/,
    );
    const saved = process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_ACCESS_KEY_ID = "CLE-INCONNUE";
    try {
      const refused = openStorage(s3Config(s3.storageUrl()));
      await expect(refused).rejects.toBeInstanceOf(StorageUnavailable);
      await expect(refused).rejects.toThrow(/HTTP 403/);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved;
    }
  });

  it("copies a local directory into a bucket with npm run storage:copy, and skips what is there on a second run", async () => {
    const { spawnSync } = await import("node:child_process");
    const dir = mkdtempSync(join(tmpdir(), "storage-copy-"));
    const local = createLocalStorage(join(dir, "uploads"));
    const keys = [randomUUID(), randomUUID(), `messagerie/${randomUUID()}`];
    for (const key of keys) await local.put(key, Readable.from([Buffer.from(`contenu ${key}`)]));
    const run = () =>
      spawnSync(process.execPath, ["scripts/storage-copy.ts", `file://${join(dir, "uploads")}`], {
        env: {
          ...process.env,
          ...clockEnv,
          DATA_DIR: dir,
          LOG_LEVEL: "silent",
          STORAGE_URL: s3.storageUrl({ prefix: "copie" }),
        },
        encoding: "utf8",
      });
    const first = run();
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("3 fichier(s) copié(s), 0 déjà présent(s), 0 échec(s)");
    const target = createS3Storage(s3Config(s3.storageUrl({ prefix: "copie" })));
    expect(await storedKeys(target)).toEqual([...keys].sort());
    for (const key of keys) expect((await storedBytes(target, key))!.toString()).toBe(`contenu ${key}`);
    const second = run();
    expect(second.stdout).toContain("0 fichier(s) copié(s), 3 déjà présent(s), 0 échec(s)");
    target.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
