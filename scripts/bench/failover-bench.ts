// One app server killed (`kill -9`) while the dashboard is under load through HAProxy with readiness checks and
// retries (the production layout of docs/operations.md): how many requests fail, against how many were in
// flight at most (wrk's connections). The same failure as tests/integration/two-servers.test.ts, which checks
// the bound; this part reports the count at a bench's load. It ends the victim: run it last.
import { type Proxy, startHaproxy } from "../../tests/support/haproxy.ts";
import { type RunningServer, runWrk, type Target } from "./load.ts";

export async function killOneUnderLoad(
  ports: number[],
  victim: RunningServer,
  targets: Target[],
  { connections, seconds }: { connections: number; seconds: number },
  log: (s: string) => void,
): Promise<string[]> {
  const proxy: Proxy = await startHaproxy(ports, { readinessChecks: true });
  try {
    // Warm both servers through this balancer before the measured run.
    await runWrk(proxy.baseUrl, targets, { connections, seconds: 2 });
    const killAt = Math.round((seconds * 1000) / 3);
    const kill = setTimeout(() => {
      log(`failover: kill -9 of pid ${victim.pid}`);
      process.kill(victim.pid, "SIGKILL");
    }, killAt);
    const r = await runWrk(proxy.baseUrl, targets, { connections, seconds }).finally(() => {
      clearTimeout(kill);
    });
    return [
      `**One server killed under load.** The dashboard through HAProxy with readiness checks (\`/readyz\` every 300 ms)`,
      `and retries on another server (\`retry-on conn-failure empty-response response-timeout\`), wrk at ${connections}`,
      `connections for ${seconds} s; server B got \`kill -9\` ${(killAt / 1000).toFixed(1)} s in. Failed answers (non-2xx, resets, timeouts):`,
      `**${r.errors}** of ${r.requests.toLocaleString("en-US")} requests, against at most ${connections} in flight when it died${
        r.errors <= connections ? "" : " (**over the bound**: see tests/integration/two-servers.test.ts)"
      }; p99 over the run ${r.p99.toFixed(1)} ms.`,
    ];
  } finally {
    await proxy.close();
  }
}
