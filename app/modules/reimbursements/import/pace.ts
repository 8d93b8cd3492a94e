// The nightly import's pace (docs/operations.md, "The nightly import"): on a machine that also serves pages, an
// import at full speed takes the cores the pages need. With a ceiling, the import waits between batches so that
// it never runs ahead of `linesPerSecond` on average since it started. Elapsed time comes from the monotonic
// clock: this is a rate, not a business date.
import { setTimeout as sleep } from "node:timers/promises";
import { performance } from "node:perf_hooks";

export type Pacer = (linesSoFar: number) => Promise<void>;

/** A pacer for at most `linesPerSecond` lines a second on average; none (no wait) when it is not set. */
export function importPacer(linesPerSecond: number | undefined): Pacer {
  if (!linesPerSecond) return async () => {};
  const startedAt = performance.now();
  return async (linesSoFar) => {
    const dueAt = startedAt + (linesSoFar / linesPerSecond) * 1000;
    // A timer counts from the event loop's cached time, so it can fire a little early on a busy process:
    // wait again until the time has really come.
    for (let ahead = dueAt - performance.now(); ahead > 0; ahead = dueAt - performance.now()) await sleep(ahead);
  };
}
