// A real S3 protocol server for the tests: the npm package s3rver (ADR 0014), in its own process, on a
// kernel-chosen port, with one bucket. It refuses an unknown access key (403); its fixed credentials reach
// the portal through the standard AWS variables, as production's do.
//
// s3rver signs ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider:
// the process gets --openssl-legacy-provider (the portal and its driver need nothing of the kind).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, request as httpRequest, type ServerResponse } from "node:http";
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
      output += d.toString();
      const match = /S3rver listening on [^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      reject(new Error(`s3rver exited (${code}): ${output}`));
    });
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

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A plain HTTP relay in front of the S3 server, for what only the wire shows: the headers the portal sends
 * (server-side encryption), and a moment to act on (kill the portal once the S3 server has stored a file,
 * before the portal hears so). `decide` runs before each answer is relayed: "drop" closes the connection.
 */
export async function startS3Relay(
  target: string,
  decide: (request: SeenRequest, status: number) => Promise<"relay" | "drop"> | "relay" | "drop" = () => "relay",
  beforeForward: (request: SeenRequest) => Promise<"relay" | "drop"> | "relay" | "drop" = () => "relay",
): Promise<{ endpoint: string; seen: SeenRequest[]; stop(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => void relay(req, res));
  async function relay(req: IncomingMessage, res: ServerResponse) {
    const request = { method: req.method ?? "GET", url: req.url ?? "/", headers: { ...req.headers } };
    seen.push(request);
    if ((await beforeForward(request)) === "drop") {
      req.socket.destroy();
      return;
    }
    const answered = async (answer: IncomingMessage) => {
      if ((await decide(request, answer.statusCode ?? 0)) === "drop") {
        answer.resume();
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    };
    const upstream = httpRequest(
      `${target}${request.url}`,
      { method: request.method, headers: req.headers },
      (answer) => void answered(answer),
    );
    upstream.on("error", () => req.socket.destroy());
    req.pipe(upstream);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    seen,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
