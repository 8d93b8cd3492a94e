// What the figures were measured on, written at the top of docs/benchmarks.md.
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";

export function describeMachine(postgresVersion: string): string[] {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  let commit = "uncommitted";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {}
  return [
    `- Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; commit ${commit}`,
    `- Machine: ${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `- Node ${process.version}; ${postgresVersion}`,
  ];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const ms = (v: number) => `${v.toFixed(2)} ms`;
export const rate = (n: number, seconds: number) => `${Math.round(n / seconds).toLocaleString("en-US")} lines/s`;
