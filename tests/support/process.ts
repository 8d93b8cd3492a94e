// A real Node process of the portal (server.js, supervisor.js, a script), its output collected, and waits on
// what it says rather than on the clock: a loaded machine makes it slower, never wrong.
import { type ChildProcess, spawn } from "node:child_process";
import { clockEnv } from "./clock.ts";

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function startNode(script: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", LOG_LEVEL: "info", DATABASE_URL: "", ...clockEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Waits until the output matches `pattern` `times` times (or the process exits), with a generous ceiling. */
export async function waitForOutput(running: Running, pattern: RegExp, times = 1): Promise<RegExpExecArray> {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const matches = [...running.output().matchAll(global)];
    if (matches.length >= times) return matches[times - 1] as RegExpExecArray;
    if (running.child.exitCode !== null) throw new Error(`process exited (${running.child.exitCode}): ${running.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never printed ${pattern}: ${running.output().slice(-2000)}`);
}

/** The port the portal printed in its server_started line (the `times`-th one). */
export async function waitForPort(running: Running, times = 1): Promise<number> {
  const match = await waitForOutput(running, /"event":"server_started","port":(\d+)/, times);
  return Number(match[1]);
}
