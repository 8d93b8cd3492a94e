// The former contract's résiliation on the member's behalf: after one year of membership, effective one month
// after the former insurer receives the notification (L221-10-2 code de la mutualité, L113-15-2 code des
// assurances, L932-12-2 CSS; loi n° 2019-733). Dates computed by hand.
import { describe, expect, it } from "vitest";
import { coverageJoin, firstOnOrAfter, previousContractClash, previousContractTiming } from "./previous-contract.ts";

describe("when the former contract can end (L221-10-2: one year, then one month after receipt)", () => {
  it("8 months old on 02/12/2026 (from 01/04/2026): one year on 01/04/2027, ends 01/05/2027 at the earliest", () => {
    expect(previousContractTiming("2026-04-01", "2026-12-02")).toEqual({
      oneYearOn: "2027-04-01",
      earliestEnd: "2027-05-01",
      earliestStart: "2027-05-01",
    });
  });
  it("over a year old: one month after a letter sent today (02/12/2026 → 02/01/2027, new start 01/02/2027)", () => {
    expect(previousContractTiming("2020-01-15", "2026-12-02")).toEqual({
      oneYearOn: "2021-01-15",
      earliestEnd: "2027-01-02",
      earliestStart: "2027-02-01",
    });
  });
  it("31/01 + 1 month = 28/02 (no 31/02): the new contract starts 01/03", () => {
    expect(previousContractTiming("2020-01-15", "2027-01-31").earliestStart).toBe("2027-03-01");
  });
  it("subscribed on 29/02/2024: one year on 28/02/2025", () => {
    expect(previousContractTiming("2024-02-29", "2024-12-01").oneYearOn).toBe("2025-02-28");
  });
  it("the 1st on or after a day", () => {
    expect([firstOnOrAfter("2027-03-01"), firstOnOrAfter("2027-12-02")]).toEqual(["2027-03-01", "2028-01-01"]);
  });
});

describe("the start date asked with a résiliation", () => {
  it("8 months old: refused beside the new contract's start date (the field to change), naming both dates, with both ways out", () => {
    const clash = previousContractClash("2026-04-01", "2027-01-01", "2026-12-02");
    expect(clash?.field).toBe("startDate");
    expect(clash?.message).toContain("Votre contrat actuel, commencé le 01/04/2026, aura un an le 01/04/2027");
    expect(clash?.message).toContain("soit le 01/05/2027 au plus tôt");
    expect(clash?.message).toContain("Choisissez une date de début de votre nouveau contrat à partir du 01/05/2027");
    expect(clash?.message).toContain("si la date de début de votre contrat actuel est mal saisie, corrigez-la");
    expect(clash?.message).toContain("résiliez vous-même votre contrat actuel à sa date de renouvellement annuel");
    expect(previousContractClash("2026-04-01", "2027-05-01", "2026-12-02")).toBeNull();
  });
  it("over a year old but starting before the month's notice: refused beside the start date", () => {
    const clash = previousContractClash("2020-01-15", "2027-01-01", "2026-12-02");
    expect(clash?.field).toBe("startDate");
    expect(clash?.message).toContain("soit le 02/01/2027 au plus tôt");
    expect(clash?.message).toContain("date de début de votre nouveau contrat à partir du 01/02/2027");
    expect(previousContractClash("2020-01-15", "2027-02-01", "2026-12-02")).toBeNull();
  });
});

describe("the old contract's end against the new one's start", () => {
  it("the day after: no overlap, no gap", () => {
    expect(coverageJoin("2027-01-31", "2027-02-01")).toEqual({ kind: "ok" });
  });
  it("old cover until 15/02, new from 01/02: 15 days covered twice", () => {
    expect(coverageJoin("2027-02-15", "2027-02-01")).toEqual({
      kind: "overlap",
      days: 15,
      from: "2027-02-01",
      to: "2027-02-15",
    });
  });
  it("old cover until 20/01, new from 01/02: 11 days without cover (21/01 to 31/01)", () => {
    expect(coverageJoin("2027-01-20", "2027-02-01")).toEqual({
      kind: "gap",
      days: 11,
      from: "2027-01-21",
      to: "2027-01-31",
    });
  });
});
