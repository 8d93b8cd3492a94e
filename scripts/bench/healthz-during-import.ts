// Does a large import hold up other requests? /healthz latency, asked one request after another, while the
// portal imports the benchmark's file over HTTP (POST /api/v1/decomptes), and while it reads a 16 MiB line
// with no newline (refused as too long); against the same requests with nothing else running.
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { postImport } from "./import-file.ts";
import { benchSecret, startPortal } from "./load-bench.ts";

const token = "bench-import-token-0123456789abcdef-0123";

interface Latencies {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

function summarise(ms: number[]): Latencies {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

/** Asks /healthz again and again until `until` settles; returns each answer's latency in ms. */
async function pollHealthz(baseUrl: string, until: Promise<unknown>): Promise<number[]> {
  const state = { done: false };
  void until.finally(() => (state.done = true));
  const latencies: number[] = [];
  while (!state.done) {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/healthz`);
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
  }
  return latencies;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Rows of the table in docs/benchmarks.md. The database at `url` must not hold the file's lines yet. */
export async function benchHealthzDuringImport(
  url: string,
  file: string,
  lines: number,
  log: (s: string) => void,
): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-healthz-"));
  const server = await startPortal(3311, {
    DATABASE_URL: url,
    AUTH_SECRET: benchSecret,
    DATA_DIR: dataDir,
    IMPORT_API_TOKEN: token,
  });
  try {
    const idle = summarise(await pollHealthz(server.baseUrl, new Promise((resolve) => setTimeout(resolve, 3000))));
    log(`healthz idle: p50 ${fmt(idle.p50)}, p99 ${fmt(idle.p99)}, max ${fmt(idle.max)}`);

    const importing = postImport(server.baseUrl, token, createReadStream(file)).then((r) => r.body);
    const duringImport = summarise(await pollHealthz(server.baseUrl, importing));
    const summary = await importing;
    log(
      `healthz during the import (${summary.inserted} inserted): p50 ${fmt(duringImport.p50)}, p99 ${fmt(duringImport.p99)}, max ${fmt(duringImport.max)}`,
    );

    // 16 MiB of one line, no newline: refused as too long, skipped without being buffered.
    const longLine = postImport(
      server.baseUrl,
      token,
      Readable.from(
        (function* () {
          for (let i = 0; i < 16; i++) yield Buffer.alloc(2 ** 20, "x");
        })(),
      ),
      "application/x-ndjson",
    ).then((r) => r.body);
    const duringLongLine = summarise(await pollHealthz(server.baseUrl, longLine));
    log(
      `healthz during a 16 MiB line (${JSON.stringify((await longLine).rejected)} rejected): max ${fmt(duringLongLine.max)}`,
    );

    const mib = (statSync(file).size / 2 ** 20).toFixed(0);
    const row = (what: string, l: Latencies) =>
      `| ${what} | ${l.count} | ${fmt(l.p50)} | ${fmt(l.p99)} | ${fmt(l.max)} |`;
    return [
      "| `/healthz`, one request after another | answers | p50 | p99 | max |",
      "|---|---|---|---|---|",
      row("nothing else running (3 s)", idle),
      row(
        `during the import of the file above over HTTP (${lines.toLocaleString("en-US")} lines, ${mib} MiB)`,
        duringImport,
      ),
      row("during a 16 MiB JSON Lines body without a newline (refused: line too long)", duringLongLine),
    ];
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
