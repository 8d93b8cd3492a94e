// Builds the storage STORAGE_URL names (see storage-url.ts), and checks it answers before the server starts.
import { createLocalStorage, removeStalePartials } from "./local.server.ts";
import { createS3Storage, type S3Options } from "./s3.server.ts";
import type { StorageConfig } from "./storage-url.ts";
import { type ObjectStorage, StorageUnavailable } from "./storage.server.ts";

export type { ObjectStorage, StoredObjectInfo, PutOptions } from "./storage.server.ts";
export { StorageUnavailable } from "./storage.server.ts";
export { describeStorage, parseStorageUrl, type StorageConfig } from "./storage-url.ts";

export async function openStorage(config: StorageConfig, options: S3Options = {}): Promise<ObjectStorage> {
  const storage = config.kind === "local" ? createLocalStorage(config.root) : createS3Storage(config, options);
  try {
    await storage.check();
  } catch (error) {
    storage.close();
    if (error instanceof StorageUnavailable)
      throw new StorageUnavailable(`Stockage des fichiers injoignable : ${error.message}`);
    throw new StorageUnavailable(
      `Stockage des fichiers inutilisable : ${storage.description} (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`,
    );
  }
  if (config.kind === "local") await removeStalePartials(config.root);
  return storage;
}
