import { describe, expect, it } from "vitest";
import { refusePassword } from "./password-policy.ts";

describe("refusePassword", () => {
  it("wants 12 characters for members and 15 for advisors, and no more than 128", async () => {
    expect(await refusePassword("onze-caract")).toMatch(/au moins 12 caractères/);
    expect(await refusePassword("douze-caract")).toBeNull();
    expect(await refusePassword("douze-caract", "advisor")).toMatch(/au moins 15 caractères/);
    expect(await refusePassword("x".repeat(64))).toBeNull();
    expect(await refusePassword("x".repeat(129))).toMatch(/128/);
  });

  it("refuses passwords found in breaches, whatever their case, with no composition rule", async () => {
    expect(await refusePassword("123qweasdzxc")).toMatch(/les plus piratés/);
    expect(await refusePassword("1QAZ2WSX3EDC")).toMatch(/les plus piratés/);
    expect(await refusePassword("le chat dort sur le radiateur")).toBeNull(); // no digit, no capital: fine
  });
});
