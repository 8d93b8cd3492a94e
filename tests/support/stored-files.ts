// What the storage holds, whatever its driver (local directory or S3): tests look through the same
// interface the portal uses, so each runs unchanged with TEST_STORAGE=s3.
import { existsSync, readdirSync } from "node:fs";
import type { ObjectStorage } from "../../app/modules/storage/index.server.ts";

/** Every key in the storage (sorted), whatever the driver. */
export async function storedKeys(storage: ObjectStorage, prefix = ""): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage.list(prefix)) keys.push(object.key);
  return keys.sort();
}

/** A stored object's bytes, or null. */
export async function storedBytes(storage: ObjectStorage, key: string): Promise<Buffer | null> {
  const object = await storage.get(key);
  if (!object) return null;
  const parts: Buffer[] = [];
  for await (const chunk of object.body) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** Every stored key (sorted), and this server's scratch files, which must be gone once a request is answered. */
export async function storedAndScratch(services: { storage: ObjectStorage; scratchDir: string }): Promise<string[]> {
  const scratch = existsSync(services.scratchDir) ? readdirSync(services.scratchDir).map((n) => `scratch:${n}`) : [];
  return [...(await storedKeys(services.storage)), ...scratch].sort();
}
