// A real Node process of the portal (server.js, supervisor.js), its output collected, and waits on what it
// says rather than on the clock: a loaded machine makes it slower, never wrong. One generous ceiling only stops
// a process that never says it.
import { type ChildProcess, spawn } from "node:child_process";
import { clockEnv } from "./clock.ts";

const ceilingMs = 180_000;

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function startNode(script: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [script], {
    env: {
      ...process.env,
      ...clockEnv,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      DATABASE_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

/** The `times`-th match of `pattern` in the output, as soon as it is written; fails at once if the process exits. */
export function waitForOutput(running: Running, pattern: RegExp, times = 1): Promise<RegExpExecArray> {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  const found = () => [...running.output().matchAll(global)][times - 1];
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = found();
      if (match)
        finish(() => {
          resolve(match);
        });
    };
    const exited = () => {
      finish(() => {
        const match = found();
        if (match) resolve(match);
        else reject(new Error(`process exited (${running.child.exitCode}): ${running.output().slice(-2000)}`));
      });
    };
    const ceiling = setTimeout(() => {
      finish(() => {
        reject(new Error(`never printed ${pattern} within ${ceilingMs / 1000} s: ${running.output().slice(-2000)}`));
      });
    }, ceilingMs);
    function finish(settle: () => void) {
      clearTimeout(ceiling);
      running.child.stdout!.off("data", check);
      running.child.stderr!.off("data", check);
      running.child.off("exit", exited);
      settle();
    }
    running.child.stdout!.on("data", check);
    running.child.stderr!.on("data", check);
    running.child.once("exit", exited);
    if (running.child.exitCode !== null) exited();
    else check();
  });
}

/** The port the portal printed in its server_started line (the `times`-th one). */
export async function waitForPort(running: Running, times = 1): Promise<number> {
  const match = await waitForOutput(running, /"event":"server_started","port":(\d+)/, times);
  return Number(match[1]);
}
