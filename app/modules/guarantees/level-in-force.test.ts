// The contract's level on a care date, across changes of level (issue 26, item 12).
import { describe, expect, it } from "vitest";
import { levelInForce } from "./versions.ts";

describe("levelInForce", () => {
  // Optimale until 31/12/2026, Équilibre from 01/01/2027 to 30/06/2027, Essentielle since 01/07/2027.
  const former = [
    { level: "Équilibre", until: "2027-06-30" },
    { level: "Optimale", until: "2026-12-31" },
  ];
  it("gives the level whose period covers the date, the last day included", () => {
    expect(levelInForce("Essentielle", former, "2026-12-31")).toBe("Optimale");
    expect(levelInForce("Essentielle", former, "2027-01-01")).toBe("Équilibre");
    expect(levelInForce("Essentielle", former, "2027-06-30")).toBe("Équilibre");
    expect(levelInForce("Essentielle", former, "2027-07-01")).toBe("Essentielle");
  });
  it("is the current level when the contract never changed", () => {
    expect(levelInForce("Optimale", [], "2020-02-29")).toBe("Optimale");
  });

  it("reads a change accepted for a later date from that date on, before the job applies it", () => {
    const pending = { level: "Essentielle", from: "2027-01-01" };
    expect(levelInForce("Optimale", [], "2026-12-31", pending)).toBe("Optimale");
    expect(levelInForce("Optimale", [], "2027-01-01", pending)).toBe("Essentielle");
  });
});
