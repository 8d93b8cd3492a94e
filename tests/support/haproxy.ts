// A real HAProxy (Debian's `haproxy` package) in front of a test server: one hop that appends the address it
// saw to X-Forwarded-For, as the load balancer in front of a production portal does.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Proxy {
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/** A port free at this instant (the kernel picks it), for a program that cannot be given port 0. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => {
      resolve(false);
    });
  });
}

/**
 * `readinessChecks`: HAProxy asks each server's /readyz every 300 ms and stops sending to one that fails 3 times
 * (or is gone), retrying a request that found no server (connection refused, empty response) on another:
 * the production layout of docs/operations.md.
 */
export async function startHaproxy(backendPorts: number[], { readinessChecks = false } = {}): Promise<Proxy> {
  const dir = await mkdtemp(join(tmpdir(), "espace-haproxy-"));
  const port = await freePort();
  const check = readinessChecks ? " check inter 300 fall 3 rise 2" : "";
  const servers = backendPorts.map((p, i) => `  server app${i} 127.0.0.1:${p}${check}`).join("\n");
  const checks = readinessChecks
    ? "  option httpchk GET /readyz\n  timeout check 5s\n  retries 3\n  option redispatch 1\n  retry-on conn-failure empty-response response-timeout\n"
    : "";
  const config = `global
  maxconn 200
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend portal
  bind 127.0.0.1:${port}
  option forwardfor
  default_backend apps
backend apps
  balance roundrobin
${checks}${servers}
`;
  const file = join(dir, "haproxy.cfg");
  await writeFile(file, config);
  const child: ChildProcess = spawn("haproxy", ["-db", "-f", file], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      resolve();
    }),
  );
  // Wait for HAProxy to listen (or to die saying why), however slow the machine is.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy did not start: ${stderr}`);
    if (await accepts(port)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    async close() {
      child.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
