// A real S3 protocol server for the tests: the npm package s3rver (ADR 0014), in its own process, on a
// kernel-chosen port, with one bucket. It checks request signatures (SigV4) against its fixed credentials,
// which the tests hand to the portal through the standard AWS variables, as production does.
//
// s3rver signs ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider:
// the process gets --openssl-legacy-provider (the portal and its driver need nothing of the kind).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const s3Credentials = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** STORAGE_URL for this server's bucket (optionally under a key prefix), with extra parameters. */
  storageUrl(options?: { prefix?: string; params?: Record<string, string>; endpoint?: string }): string;
  stop(): Promise<void>;
}

export async function startS3Server(bucket = "espace-test"): Promise<S3Server> {
  const dir = mkdtempSync(join(tmpdir(), "s3rver-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--openssl-legacy-provider",
      "node_modules/s3rver/bin/s3rver.js",
      "--directory",
      dir,
      "--address",
      "127.0.0.1",
      "--port",
      "0",
      "--silent",
      "--configure-bucket",
      bucket,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const match = /S3rver listening on [^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`s3rver exited (${code}): ${output}`)));
  });
  // Signatures are checked against these: the SDK in this process (the in-process test servers) reads them.
  Object.assign(process.env, s3Credentials);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    storageUrl({ prefix = "", params = {}, endpoint: via = endpoint } = {}) {
      const query = new URLSearchParams({ endpoint: via, region: "us-east-1", forcePathStyle: "true", ...params });
      return `s3://${bucket}/${prefix}?${query}`;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
