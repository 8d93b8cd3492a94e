import { describe, expect, it } from "vitest";
import { keptSection } from "./kept-section.ts";

const run = "2026-12-02 09:16 UTC; commit 33a3586";

describe("keptSection", () => {
  it("dates a section the previous run measured with that run", () => {
    expect(keptSection(["", "| a | b |", ""], run)).toEqual([
      "(Kept from the previous report, measured 2026-12-02 09:16 UTC; commit 33a3586: not measured in this run.)",
      "",
      "| a | b |",
    ]);
  });

  it("keeps the older date of a section kept before", () => {
    const older =
      "(Kept from the previous report, measured 2026-11-27 07:08 UTC; commit f16ecb6: not measured in this run.)";
    expect(keptSection(["", older, "", "| a |"], run)).toEqual([older, "", "| a |"]);
  });

  // The partner network's section of 2 December: kept since 27 November, then measured alone and rewritten by hand
  // with its own date; the old note claimed 27 November above figures of 2 December.
  it("defers to the section's own « (Measured … » line and drops the note it contradicts", () => {
    const body = [
      "",
      "(Kept from the previous report, measured 2026-11-27 07:08 UTC; commit f16ecb6: not measured in this run.)",
      "",
      "(Measured alone, `node scripts/bench/directory-bench.ts`, 2026-12-02 07:38 UTC on the machine above.)",
      "",
      "| p95 | 3.1 ms |",
    ];
    const kept = keptSection(body, run);
    expect(kept).toEqual([
      "(Kept from the previous report: not measured in this run; when it was measured is said below.)",
      "",
      "(Measured alone, `node scripts/bench/directory-bench.ts`, 2026-12-02 07:38 UTC on the machine above.)",
      "",
      "| p95 | 3.1 ms |",
    ]);
    expect(kept.join("\n")).not.toContain("2026-11-27");
    // Kept again by a later run: the same, not a second note.
    expect(keptSection(["", ...kept, ""], "2026-12-05 10:00 UTC; commit abcdef0")).toEqual(kept);
  });

  it("says so when the previous report has no such section", () => {
    expect(keptSection(undefined, run)).toEqual(["(not measured yet)"]);
  });
});
