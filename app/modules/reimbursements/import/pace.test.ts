import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { importPacer } from "./pace.ts";

// Only lower bounds: a busy machine makes the import slower, never faster, than its ceiling.
describe("the import's pace", () => {
  it("never runs ahead of its ceiling on average since it started", async () => {
    const pace = importPacer(2000);
    const started = performance.now();
    for (const lines of [250, 500, 750, 1000]) {
      await pace(lines);
      // 2,000 lines a second: line n is due n / 2 ms after the start.
      expect(performance.now() - started).toBeGreaterThanOrEqual(lines / 2);
    }
  });

  it("does not wait without a ceiling", async () => {
    const pace = importPacer(undefined);
    let settled = false;
    const waited = pace(1_000_000).then(() => (settled = true));
    // Resolved within the same turn of microtasks: no timer was set.
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBe(true);
    await waited;
  });
});
