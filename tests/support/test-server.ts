// Starts the real, built server (build/server/index.js) on a random port with a private database.
import type { Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppServices, ServiceOverrides } from "../../server/app.ts";
import { testClock } from "./clock.ts";
import { openPersistentTestDatabase, openTestDatabase } from "./test-database.ts";
import { type S3Server, startS3Server } from "./s3.ts";

type ServerModule = typeof import("../../server/app.ts");

export interface TestServer {
  baseUrl: string;
  services: AppServices;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * `dataDir`: a directory that outlives this server (its database, files and mails), to start another server on
 * the same data after `close()` — a restart; the caller removes it (`removePersistentTestDatabase`, then the
 * directory). Without it, each server has its own data, deleted at `close()`.
 */
export async function startTestServer(
  options: { env?: Record<string, string>; overrides?: Omit<ServiceOverrides, "database">; dataDir?: string } = {},
): Promise<TestServer> {
  const built = "../../build/server/index.js";
  const entry = (await import(/* @vite-ignore */ built)) as ServerModule;
  const kept = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "espace-test-")));
  const database = kept ? await openPersistentTestDatabase(dataDir) : await openTestDatabase();
  // TEST_STORAGE=s3: the files go to a bucket of a real S3 server of this test file instead of a directory.
  const s3: S3Server | null =
    process.env.TEST_STORAGE === "s3" && !options.env?.STORAGE_URL ? await startS3Server() : null;
  const env = entry.readEnv({
    ...(s3 ? { STORAGE_URL: s3.storageUrl() } : {}),
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    // TEST_LOG_LEVEL=error shows what a failing test's server logged (silent otherwise).
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
    ...options.env,
  });
  const services = await entry.createServices(env, { clock: testClock, ...options.overrides, database });
  const app = entry.createApp({ services, clientDir: "build/client" });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => {
      resolve(s);
    });
    entry.configureHttpServer(s);
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    services,
    dataDir,
    async close() {
      // Each step bounded: a step that never ends fails the file, naming itself, instead of hanging the run.
      server.closeAllConnections();
      try {
        await bounded("the HTTP server's close", new Promise((resolve) => server.close(resolve)));
        await bounded("the database's close", database.close());
      } finally {
        services.storage.close();
        try {
          await bounded("the S3 server's stop", s3?.stop());
        } finally {
          if (!kept) await rm(dataDir, { recursive: true, force: true });
        }
      }
    },
  };
}

/** `step`, or an error naming it once a minute has gone by (a ceiling for a hang, far above a loaded machine's time). */
async function bounded<T>(what: string, step: Promise<T> | undefined): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const ceiling = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`test server: ${what} did not end within 60 s`));
    }, 60_000);
  });
  try {
    return await Promise.race([step, ceiling]);
  } finally {
    clearTimeout(timer);
  }
}
