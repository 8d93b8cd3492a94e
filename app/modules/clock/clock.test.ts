import { describe, expect, it } from "vitest";
import { clockFromEnv, clockPinProblem, parisDateOf, pinnedClock } from "./index.ts";

describe("clock", () => {
  it("tells the Paris date: after midnight in Paris is tomorrow, in winter and in summer", () => {
    expect(parisDateOf(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(parisDateOf(new Date("2026-12-31T22:59:59Z"))).toBe("2026-12-31");
    expect(parisDateOf(new Date("2026-07-14T22:30:00Z"))).toBe("2026-07-15");
    expect(parisDateOf(new Date("2026-07-14T21:59:00Z"))).toBe("2026-07-14");
    expect(parisDateOf(new Date("2028-02-29T12:00:00Z"))).toBe("2028-02-29");
  });

  it("pinned: starts at the pinned instant and moves on with elapsed time", () => {
    let elapsed = 0;
    const clock = pinnedClock(new Date("2026-12-31T22:59:00Z"), () => elapsed);
    expect(clock.now().toISOString()).toBe("2026-12-31T22:59:00.000Z");
    expect(clock.today()).toBe("2026-12-31");
    elapsed = 120_000;
    expect(clock.today()).toBe("2027-01-01");
    expect(clock.dateOf(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
  });

  it("is pinned only in test mode, on the embedded database, at a well-formed instant", () => {
    expect(clockPinProblem({})).toBeNull();
    expect(clockPinProblem({ CLOCK_FIXED_AT: "2027-01-15T10:00:00Z" })).toMatch(/CLOCK_TEST_MODE=1/);
    expect(
      clockPinProblem({
        CLOCK_FIXED_AT: "2027-01-15T10:00:00Z",
        CLOCK_TEST_MODE: true,
        DATABASE_URL: "postgres://x/y",
      }),
    ).toMatch(/base embarquée/);
    expect(clockPinProblem({ CLOCK_FIXED_AT: "2027-01-15", CLOCK_TEST_MODE: true })).toMatch(/ISO 8601/);
    expect(clockPinProblem({ CLOCK_FIXED_AT: "2027-02-30T10:00:00Z", CLOCK_TEST_MODE: true })).toMatch(/ISO 8601/);
    expect(() => clockFromEnv({ CLOCK_FIXED_AT: "2027-01-15T10:00:00Z" })).toThrow(/CLOCK_TEST_MODE/);
    expect(clockFromEnv({ CLOCK_FIXED_AT: "2027-01-15T10:00:00Z", CLOCK_TEST_MODE: true }).today()).toBe("2027-01-15");
    const system = clockFromEnv({});
    expect(Math.abs(system.now().getTime() - Date.now())).toBeLessThan(60_000);
  });
});
