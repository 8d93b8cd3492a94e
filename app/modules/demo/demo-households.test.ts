import { describe, expect, it } from "vitest";
import { ageOn } from "../clock/calendar.ts";
import { demoHouseholds, demoMonthShift } from "./demo-households.ts";

const participationCategories = new Set(["generaliste", "specialiste", "analyses", "radiologie"]);
const franchiseCategories = new Set(["pharmacie_65", "pharmacie_30", "pharmacie_15", "auxiliaires_medicaux"]);

// The same story whatever the day: at New Year's Eve, mid-January, on 29 February, and an ordinary day.
const days = ["2026-12-02", "2027-01-01", "2027-01-15", "2028-02-29", "2026-08-25", "2026-08-24"];

describe("demo data", () => {
  for (const today of days) {
    const { benoit, second } = demoHouseholds(today);
    for (const household of [benoit, second]) {
      it(`${today}, household ${household.memberNumber}: every line adds up to the cent, nothing after today`, () => {
        for (const line of household.lines) {
          const remaining = line.chargedCents - line.amoCents - line.amcCents;
          expect(remaining, `${line.careType} ${line.careDate}`).toBeGreaterThanOrEqual(0);
          for (const v of [line.chargedCents, line.baseCents, line.amoCents, line.amcCents])
            expect(Number.isInteger(v)).toBe(true);
          expect(line.paymentDate >= line.careDate).toBe(true);
          expect(line.paymentDate <= today).toBe(true);
          expect(line.careDate >= household.coverageStart).toBe(true);
          // The Sécurité sociale part follows from its rate, to the cent (half-up), minus what it withheld.
          if (line.amoRateBp !== null) {
            expect(line.amoCents, `${line.careType} ${line.careDate}`).toBe(
              Math.round((line.baseCents * line.amoRateBp) / 10000) - line.amoDeductibleCents,
            );
          }
          // What the Sécurité sociale withholds follows the beneficiary's age on the day of care (CSS L160-13):
          // 2 € participation forfaitaire per doctor's visit, biology or imaging act (II), 1 € franchise per box
          // or paramedical act (III); nothing from a minor (IV), nothing on dental, optical or unreimbursed care.
          const person = household.people.find((p) => p.firstName === line.beneficiary)!;
          const adult = ageOn(person.birthDate, line.careDate) >= 18;
          const withheld = line.amoDeductibleCents;
          if (!adult) expect(withheld, `${line.beneficiary} ${line.careDate}`).toBe(0);
          else if (participationCategories.has(line.category)) expect(withheld).toBe(200);
          else if (franchiseCategories.has(line.category)) {
            expect(withheld).toBeGreaterThanOrEqual(100);
            expect(withheld % 100).toBe(0);
          } else expect(withheld, `${line.category} ${line.careDate}`).toBe(0);
          const names = household.people.map((p) => p.firstName);
          expect(names).toContain(line.beneficiary);
          if (line.paidTo !== "professional") expect(names).toContain(line.paidTo);
        }
        for (const r of household.requests) {
          expect(r.createdAt.slice(0, 10) <= today).toBe(true);
          expect(r.reference).toContain(`-${r.createdAt.slice(0, 4)}-`);
        }
      });
    }

    it(`${today}: the source document's payments, the latest on the last 25th up to today`, () => {
      const byDate = [...benoit.lines].sort((a, b) => b.paymentDate.localeCompare(a.paymentDate));
      const latest = byDate[0]!.paymentDate;
      expect(latest.slice(8)).toBe("25");
      expect(latest <= today).toBe(true);
      const next25 = new Date(`${latest}T00:00:00Z`);
      next25.setUTCMonth(next25.getUTCMonth() + 1);
      expect(next25.toISOString().slice(0, 10) > today).toBe(true);
      expect(byDate.slice(0, 3).map((l) => [l.careType, l.amcCents, l.paidTo])).toEqual([
        ["pharmacie", 4500, "Benoit"],
        ["optique", 40923, "Sarah"],
        ["pharmacie", 441, "Benoit"],
      ]);
      // The "summer" of the source document: the nine payments of the three months up to the latest one.
      expect(
        byDate
          .slice(0, 9)
          .map((l) => l.amcCents)
          .sort((a, b) => a - b),
      ).toEqual([441, 589, 1000, 1650, 2400, 4500, 7500, 27905, 40923]);
      expect(byDate.length - 9).toBeGreaterThanOrEqual(12);
    });

    it(`${today}: cards for the covered years around today, the guarantee table of this year`, () => {
      const year = Number(today.slice(0, 4));
      expect(benoit.documents.filter((d) => d.kind === "tiers_payant_card").map((d) => d.year)).toEqual([
        year - 1,
        year,
      ]);
      expect(second.documents.filter((d) => d.kind === "tiers_payant_card").map((d) => d.year)).toEqual([year]);
      expect(benoit.documents.find((d) => d.kind === "guarantee_table")?.year).toBe(year);
      expect(benoit.coverageStart.slice(5)).toBe("01-01");
      expect(benoit.sepaMandateRef).toBe(`RUM-DEMO-10000001-${benoit.coverageStart.slice(0, 7)}`);
    });
  }

  it("moves by whole months: the source document's own day tells it unchanged", () => {
    expect(demoMonthShift("2026-08-25")).toBe(0);
    expect(demoMonthShift("2026-08-24")).toBe(-1);
    expect(demoMonthShift("2027-01-15")).toBe(4);
    expect(demoMonthShift("2028-02-29")).toBe(18);
    const { benoit } = demoHouseholds("2026-09-03");
    expect(benoit.lines[0]).toMatchObject({ careDate: "2026-08-21", paymentDate: "2026-08-25", amcCents: 4500 });
    expect(benoit.requests[0]).toMatchObject({ reference: "DR-2026-L4K7P2M9", createdAt: "2026-06-05T09:12:00Z" });
  });
});
