// A démarche's details are checked against its kind on read: what each writer stores parses back, and a row
// whose details do not match its kind fails loudly instead of showing "undefined" on a page.
import { describe, expect, it } from "vitest";
import { detailsOf, withDetails } from "./details.ts";

describe("détails d'une démarche", () => {
  it("reads a change of level, a résiliation, a data-rights request and both beneficiary changes", () => {
    expect(
      detailsOf("level_change", {
        fromLevel: "equilibre",
        toLevel: "optimale",
        toLabel: "Optimale",
        effectiveDate: "2027-01-01",
        monthlyCents: 8_840,
      }).monthlyCents,
    ).toBe(8_840);
    expect(
      detailsOf("termination", {
        notifiedOn: "2026-12-02",
        takesEffect: "2027-01-03",
        lastCoveredDay: "2027-01-02",
        firstYear: false,
        reason: null,
      }).lastCoveredDay,
    ).toBe("2027-01-02");
    expect(detailsOf("data_rights", { right: "erasure", message: "" }).right).toBe("erasure");
    const add = detailsOf("beneficiary", {
      action: "add",
      firstName: "Jules",
      lastName: "Brouez",
      birthDate: "2026-03-01",
      relationship: "child",
      startDate: "2026-04-01",
    });
    expect(add.action === "add" && add.relationship).toBe("child");
    expect(() =>
      detailsOf("beneficiary", {
        action: "remove",
        personId: "not-a-uuid",
        firstName: "A",
        lastName: "B",
        endDate: "2026-01-31",
      }),
    ).toThrow(/does not match its kind "beneficiary"/);
  });

  it("keeps a devis's estimate facts it does not name, and its confirmed amounts", () => {
    const quote = detailsOf("quote", {
      lines: [
        {
          category: "optique_monture_b",
          label: "Monture",
          chargedCents: 15_000,
          baseCents: 3,
          amoCents: 2,
          amcCents: 10_000,
          quantity: 1,
          limitedBy: { kind: "cap" },
        },
      ],
      confirmed: { amcCents: [10_000], totalCents: 10_000, note: null },
    });
    expect(quote.lines[0]).toMatchObject({ amcCents: 10_000, limitedBy: { kind: "cap" } });
    expect(quote.confirmed?.totalCents).toBe(10_000);
  });

  it("reads a devis stored without its lines as one sent without an estimate", () => {
    expect(detailsOf("quote", null)).toEqual({ lines: [] });
  });

  it("a claim has no details until it is decided; a bank change never has any", () => {
    expect(detailsOf("claim", null)).toBeNull();
    expect(detailsOf("bank_details", undefined)).toBeNull();
    expect(() => detailsOf("bank_details", { iban: "FR76…" })).toThrow(/bank_details/);
  });

  it("refuses details of another kind (a level change read as a résiliation)", () => {
    expect(() =>
      detailsOf("termination", {
        fromLevel: "a",
        toLevel: "b",
        toLabel: "B",
        effectiveDate: "2027-01-01",
        monthlyCents: 1,
      }),
    ).toThrow(/termination/);
  });

  it("pairs the kind with its details so that checking the kind narrows them", () => {
    const r = withDetails("data_rights", { right: "objection", message: "Étude statistique" });
    expect(r.kind === "data_rights" ? r.details.message : null).toBe("Étude statistique");
  });
});
