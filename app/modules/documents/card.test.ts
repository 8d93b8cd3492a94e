import { describe, expect, it } from "vitest";
import { buildCard, cardStatus, cardYears } from "./card.ts";

const amc = {
  number: "99999999",
  conventionType: "TP-DEMO",
  routingCriterion: "DEMO01",
  responsible: true,
  tiersPayantDomains: [{ code: "PHAR", label: "Pharmacie" }],
};
const person = (firstName: string, coverageStart: string, coverageEnd: string | null = null) => ({
  firstName,
  lastName: "Brouez",
  birthDate: "2011-11-08",
  coverageStart,
  coverageEnd,
});

describe("buildCard", () => {
  const base = { memberNumber: "10000001", today: "2026-11-26", amc };

  it("covers the whole year and everyone covered during it", () => {
    const card = buildCard({
      ...base,
      year: 2026,
      contract: { coverageStart: "2025-01-01", coverageEnd: null },
      people: [person("Benoit", "2025-01-01"), person("Léa", "2025-01-01")],
    })!;
    expect(card).toMatchObject({
      validFrom: "2026-01-01",
      validTo: "2026-12-31",
      memberNumber: "10000001",
      amcNumber: "99999999",
    });
    expect(card.beneficiaries.map((b) => b.firstName)).toEqual(["Benoit", "Léa"]);
    expect(card.codeText).toBe(
      "AMC:99999999|CONV:TP-DEMO|CSR:DEMO01|ADH:10000001|VAL:20260101-20261231|DOM:PHAR|BEN:BROUEZ BENOIT 20111108|BEN:BROUEZ LÉA 20111108",
    );
  });

  it("starts the first year at the contract's start and ends the last at its end", () => {
    const contract = { coverageStart: "2024-03-01", coverageEnd: "2026-06-30" };
    expect(buildCard({ ...base, year: 2024, contract, people: [person("A", "2024-03-01")] })).toMatchObject({
      validFrom: "2024-03-01",
      validTo: "2024-12-31",
    });
    expect(buildCard({ ...base, year: 2026, contract, people: [person("A", "2024-03-01")] })).toMatchObject({
      validFrom: "2026-01-01",
      validTo: "2026-06-30",
    });
  });

  it("leaves out people not covered that year: joined after, or left before", () => {
    const card = buildCard({
      ...base,
      year: 2025,
      contract: { coverageStart: "2024-01-01", coverageEnd: null },
      people: [
        person("Stays", "2024-01-01"),
        person("Joins2026", "2026-02-01"),
        person("Left2024", "2024-01-01", "2024-12-31"),
        person("Left2025", "2024-01-01", "2025-03-31"),
      ],
    })!;
    expect(card.beneficiaries.map((b) => b.firstName)).toEqual(["Stays", "Left2025"]);
  });

  it("does not exist outside the coverage or for a year not started", () => {
    const contract = { coverageStart: "2025-01-01", coverageEnd: null };
    expect(buildCard({ ...base, year: 2024, contract, people: [person("A", "2025-01-01")] })).toBeNull();
    expect(buildCard({ ...base, year: 2027, contract, people: [person("A", "2025-01-01")] })).toBeNull();
    expect(
      buildCard({
        ...base,
        year: 2026,
        contract: { coverageStart: "2025-01-01", coverageEnd: "2025-12-31" },
        people: [person("A", "2025-01-01")],
      }),
    ).toBeNull();
  });
});

describe("cardYears", () => {
  it("lists the contract's years up to the current one, newest first", () => {
    expect(cardYears({ coverageStart: "2025-01-01", coverageEnd: null }, "2026-11-26")).toEqual([2026, 2025]);
    expect(cardYears({ coverageStart: "2023-05-01", coverageEnd: "2024-02-29" }, "2026-11-26")).toEqual([2024, 2023]);
  });

  it("adds next year's card from the configured day, if the contract runs into next year", () => {
    const open = { coverageStart: "2025-01-01", coverageEnd: null };
    expect(cardYears(open, "2026-12-14")).toEqual([2026, 2025]);
    expect(cardYears(open, "2026-12-15")).toEqual([2027, 2026, 2025]);
    expect(cardYears(open, "2026-12-01", "12-01")).toEqual([2027, 2026, 2025]);
    expect(cardYears({ coverageStart: "2025-01-01", coverageEnd: "2026-12-31" }, "2026-12-20")).toEqual([2026, 2025]);
  });

  it("says whether a card has expired, is current or is next year's", () => {
    expect(cardStatus(2025, "2026-12-02")).toBe("expired");
    expect(cardStatus(2026, "2026-12-02")).toBe("current");
    expect(cardStatus(2027, "2026-12-20")).toBe("upcoming");
  });
});
