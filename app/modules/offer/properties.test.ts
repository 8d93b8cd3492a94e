// Property tests over the demo tariffs: random households from a seeded generator (reproducible, no extra
// library, as in guarantees/properties.test.ts). Whatever the household, the price is never negative and
// adding a person never lowers it.
import { describe, expect, it } from "vitest";
import { addDays } from "../clock/calendar.ts";
import { loadDemoGuaranteeTables } from "../guarantees/demo-tables.server.ts";
import { insuredRoles, type Insured } from "./model.ts";
import { priceHousehold } from "./pricing.ts";
import { demoTariffsDir, loadTariffs } from "./tariffs.server.ts";
import { fixtureTariff } from "./test-fixtures.ts";

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tariffs = [...loadTariffs(demoTariffsDir, loadDemoGuaranteeTables()), fixtureTariff];
const postcodes = ["75011", "69001", "15000", "20000", "20200", "97400", "59000", "01000", "23000"];

describe("pricing properties", () => {
  it("never negative; adding a person (not a second subscriber or spouse) never lowers the price", () => {
    const random = prng(20260601);
    const int = (max: number) => Math.floor(random() * (max + 1));
    for (let run = 0; run < 3000; run++) {
      const tariff = tariffs[int(tariffs.length - 1)]!;
      const date = addDays("2026-01-01", int(700));
      const born = () => addDays(date, -int(100 * 365));
      const people: Insured[] = [{ role: "subscriber", birthDate: born() }];
      const extra = int(6);
      for (let i = 0; i < extra; i++) {
        const role = insuredRoles[1 + int(2)]!;
        people.push({
          role: role === "spouse" && people.some((p) => p.role === "spouse") ? "child" : role,
          birthDate: born(),
        });
      }
      const postalCode = postcodes[int(postcodes.length - 1)]!;
      const before = priceHousehold(tariff, { postalCode, date, people });
      expect(before.monthlyCents).toBeGreaterThanOrEqual(0);
      for (const p of before.people) expect(p.monthlyCents).toBeGreaterThanOrEqual(0);
      expect(before.monthlyCents).toBe(before.people.reduce((t, p) => t + p.monthlyCents, 0));
      const roles = people.some((p) => p.role === "spouse") ? (["child", "other"] as const) : insuredRoles.slice(1);
      const added: Insured = { role: roles[int(roles.length - 1)]!, birthDate: born() };
      const after = priceHousehold(tariff, { postalCode, date, people: [...people, added] });
      expect(
        after.monthlyCents,
        JSON.stringify({ run, tariff: tariff.level, date, people, added }),
      ).toBeGreaterThanOrEqual(before.monthlyCents);
    }
  });
});
