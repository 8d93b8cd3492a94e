// A small tariff with round numbers, for hand-computed tests.
import type { LevelTariff, TariffVersion } from "./model.ts";

export const fixtureVersion: TariffVersion = {
  effectiveFrom: "2026-01-01",
  effectiveTo: "2026-12-31",
  ageBasis: "reachedInYear",
  zones: [
    { id: "A", label: "Zone A", departements: ["75", "2A", "974"], default: false },
    { id: "B", label: "Zone B", departements: [], default: true },
  ],
  ageBands: [
    { from: 0, to: 17, monthlyCents: { A: 2000, B: 1500 } },
    { from: 18, to: 25, monthlyCents: { A: 3000, B: 2500 } },
    { from: 26, to: 59, monthlyCents: { A: 5001, B: 4000 } },
    { from: 60, monthlyCents: { A: 9000, B: 8000 } },
  ],
  family: { freeChildFromRank: 3 },
  discounts: { young: { maxAge: 25, rateBp: 1000 }, couple: { rateBp: 500 } },
};

export const fixtureTariff: LevelTariff = {
  level: "test",
  label: "Test",
  rank: 1,
  change: { effective: "firstOfNextMonth", minimumMonthsCovered: 0 },
  versions: [
    fixtureVersion,
    {
      ...fixtureVersion,
      effectiveFrom: "2027-01-01",
      effectiveTo: undefined,
      ageBasis: "onDate",
      ageBands: fixtureVersion.ageBands.map((b) => ({
        ...b,
        monthlyCents: { A: b.monthlyCents.A! + 100, B: b.monthlyCents.B! + 100 },
      })),
    },
  ],
};
