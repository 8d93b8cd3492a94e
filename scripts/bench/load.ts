// HTTP load plumbing: start a server process, drive it with wrk (Debian's package), sample its memory.
import { spawn, type ChildProcess, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Target {
  path: string;
  cookie?: string;
  /** A form POST (the sign-in), with this url-encoded body; GET without it. */
  form?: string;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Answers outside 200–299 (a redirect to the sign-in page counts), plus socket errors and timeouts. */
  errors: number;
  /** Highest VmRSS sampled during the run (MiB), when a pid was given. */
  peakRssMiB?: number;
  /** The server process's CPU time (user + system) per request: steadier than req/s on a shared machine. */
  cpuMsPerRequest?: number;
}

export interface RunningServer {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts `node ARGS` with ENV (in directory `cwd`) and waits until `readyPath` answers (any status below 500). */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
  port: number,
  { readyPath = "/healthz", timeoutMs = 120_000, cwd }: { readyPath?: string; timeoutMs?: number; cwd?: string } = {},
): Promise<RunningServer> {
  // A server left over from an interrupted run would answer the readiness check for the new one.
  const leftover = await fetch(`http://127.0.0.1:${port}${readyPath}`).then(
    () => true,
    () => false,
  );
  if (leftover) throw new Error(`port ${port} is already in use (a server left over from an interrupted bench?)`);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", process.env.BENCH_SERVER_STDOUT === "1" ? "inherit" : "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  // A server that dies mid-bench says why (the bench itself only notices when it next reads the process).
  let ready = false;
  child.on("exit", (code, signal) => {
    if (ready) console.error(`[bench] server on ${port} exited (${code ?? signal}): ${stderr}`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(baseUrl + readyPath, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {}
    if (performance.now() - started > timeoutMs) {
      child.kill();
      throw new Error(`server not ready after ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  ready = true;
  return {
    pid: child.pid!,
    baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        // Gone already (exited, or killed by a signal: the failover part's kill -9).
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once("exit", () => {
          resolve();
        });
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}

/** User + system CPU time of a process, in milliseconds (from /proc/PID/stat, clock ticks of 10 ms). */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function readMemory(pid: number): { rssMiB: number; hwmMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: kb("VmRSS") / 1024, hwmMiB: kb("VmHWM") / 1024 };
}

const luaString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/**
 * wrk with a Lua script that cycles through TARGETS (each thread from its own offset), counts every answer
 * outside 2xx and prints a JSON summary. Latencies are wrk's (microseconds, per request).
 */
export async function runWrk(
  baseUrl: string,
  targets: Target[],
  o: {
    connections: number;
    seconds: number;
    pid?: number;
    /** The status a right answer has (a sign-in's redirect: 302); by default any 2xx. */
    expectStatus?: number;
  },
): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), "espace-wrk-"));
  const script = join(dir, "targets.lua");
  const items = targets
    .map(
      (t) => `{${luaString(t.path)}, ${t.cookie ? luaString(t.cookie) : "nil"}, ${t.form ? luaString(t.form) : "nil"}}`,
    )
    .join(",\n");
  const wrong = o.expectStatus ? `status ~= ${o.expectStatus}` : "status < 200 or status > 299";
  writeFileSync(
    script,
    `local items = {\n${items}\n}
local threads = {}
offset = 0
local counter = 0
errors = 0
function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end
function request()
  counter = counter + 1
  local it = items[(counter + offset) % #items + 1]
  if it[3] then return wrk.format("POST", it[1], { ["Content-Type"] = "application/x-www-form-urlencoded" }, it[3]) end
  if it[2] then return wrk.format("GET", it[1], { ["Cookie"] = it[2] }) end
  return wrk.format("GET", it[1])
end
function response(status, headers, body)
  if ${wrong} then errors = errors + 1 end
end
function done(summary, latency, requests)
  local e = 0
  for _, t in ipairs(threads) do e = e + t:get("errors") end
  local s = summary.errors
  io.write(string.format('WRKJSON{"requests":%d,"duration":%d,"p50":%d,"p99":%d,"non2xx":%d,"socket":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e, s.connect + s.read + s.write + s.timeout))
end
`,
  );
  let peak = 0;
  const cpuBefore = o.pid ? readCpuMs(o.pid) : 0;
  const sampler = o.pid
    ? setInterval(() => {
        try {
          peak = Math.max(peak, readMemory(o.pid!).rssMiB);
        } catch {}
      }, 100)
    : undefined;
  const output = await new Promise<string>((resolve, reject) => {
    const threads = Math.min(2, o.connections);
    const child = spawn(
      "wrk",
      [
        "-t",
        String(threads),
        "-c",
        String(o.connections),
        "-d",
        `${o.seconds}s`,
        "--timeout",
        "10s",
        "-s",
        script,
        baseUrl,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`wrk exited ${code}: ${out}`));
    });
  });
  if (sampler) clearInterval(sampler);
  const cpuMs = o.pid ? readCpuMs(o.pid) - cpuBefore : 0;
  const json = /WRKJSON(\{.*\})/.exec(output)?.[1];
  if (!json) throw new Error(`no summary from wrk: ${output}`);
  const r = JSON.parse(json) as {
    requests: number;
    duration: number;
    p50: number;
    p99: number;
    non2xx: number;
    socket: number;
  };
  return {
    requests: r.requests,
    rps: r.requests / (r.duration / 1e6),
    p50: r.p50 / 1000,
    p99: r.p99 / 1000,
    errors: r.non2xx + r.socket,
    peakRssMiB: o.pid ? peak : undefined,
    cpuMsPerRequest: o.pid && r.requests ? cpuMs / r.requests : undefined,
  };
}

export function wrkVersion(): string {
  try {
    execFileSync("wrk", ["-v"], { encoding: "utf8" });
  } catch (error) {
    // wrk -v prints its version and exits 1.
    // "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer": keep the name and version.
    const out = (error as { stdout?: string }).stdout ?? "";
    return out.split(" ").slice(0, 2).join(" ").trim() || "wrk";
  }
  return "wrk";
}

export const fmtRps = (n: number) => Math.round(n).toLocaleString("en-US");
export const fmtMs = (n: number) => `${n.toFixed(1)} ms`;
