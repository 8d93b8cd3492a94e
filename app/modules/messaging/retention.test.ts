import { describe, expect, it } from "vitest";
import { retentionCutoff } from "./retention.ts";

describe("message retention cut-off", () => {
  it("is one year before now, to the millisecond", () => {
    expect(retentionCutoff(new Date("2026-11-26T16:30:05.123Z")).toISOString()).toBe("2025-11-26T16:30:05.123Z");
  });

  it("does not depend on the year having 365 or 366 days", () => {
    expect(retentionCutoff(new Date("2025-03-01T00:00:00Z")).toISOString()).toBe("2024-03-01T00:00:00.000Z");
    expect(retentionCutoff(new Date("2024-12-31T23:59:59Z")).toISOString()).toBe("2023-12-31T23:59:59.000Z");
  });

  it("turns 29 February into 28 February, never into 1 March (a message is kept at least a year)", () => {
    expect(retentionCutoff(new Date("2028-02-29T10:00:00Z")).toISOString()).toBe("2027-02-28T10:00:00.000Z");
  });

  it("does not change the date it is given", () => {
    const now = new Date("2026-01-31T08:00:00Z");
    retentionCutoff(now);
    expect(now.toISOString()).toBe("2026-01-31T08:00:00.000Z");
  });
});
