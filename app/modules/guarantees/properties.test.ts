// Property tests over the demo tables: thousands of random acts from a seeded generator (reproducible,
// no extra library). Whatever the act, the engine must keep the invariants members rely on.
import { describe, expect, it } from "vitest";
import { categories, categoryCodes, isCategoryCode } from "./categories.ts";
import { amoBasis, computeReimbursement } from "./compute.ts";
import { addDays } from "../clock/calendar.ts";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import type { CareAct, PastAct, ReimbursementInput } from "./model.ts";
import { percentOfCents } from "./money.ts";
import { testTable } from "./test-fixtures.ts";
import { selectLevelTable } from "./versions.ts";

/** mulberry32: a tiny deterministic PRNG, so a failure can be replayed from its seed. */
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

const catalog = loadDemoGuaranteeTables();
const levels = ["essentielle", "equilibre", "optimale", "test"];
const amoRates = [0, 6000, 6500, 7000, 8000, 10000];

function randomInput(random: () => number): ReimbursementInput {
  const int = (max: number) => Math.floor(random() * (max + 1));
  const pick = <T>(items: readonly T[]): T => items[int(items.length - 1)]!;
  const careDate = addDays("2025-01-01", int(3 * 365));
  // The test table prices some lines above the legal caps, so the responsible caps get exercised too.
  const level = pick(levels);
  const table = level === "test" ? testTable : selectLevelTable(catalog, level, careDate)!;
  const category = random() < 0.03 ? "inconnue" : pick(categoryCodes);
  const baseCents = random() < 0.15 ? 0 : int(60000);
  // Sometimes below the BR (a discount): the AMO is then computed on the amount charged, as it is in reality.
  const amountChargedCents = random() < 0.2 ? int(baseCents) : baseCents + int(3 * Math.max(baseCents, 10000));
  const amoGross = percentOfCents(Math.min(baseCents, amountChargedCents), pick(amoRates));
  const deductibleCents = random() < 0.3 ? Math.min(amoGross, int(400)) : 0;
  const amoCents = amoGross - deductibleCents;
  const act: CareAct = {
    category,
    careDate,
    amountChargedCents,
    baseCents,
    amoCents,
    deductibleCents,
    quantity: 1 + int(3),
  };
  if (random() < 0.5) act.optam = random() < 0.5;
  // Basket acts always carry their item's limit (the engine refuses to guess it); others sometimes, ignored.
  if (random() < 0.2 || (isCategoryCode(category) && "basket100Sante" in categories[category]))
    act.priceLimitCents = int(200000);
  if (random() < 0.15) {
    act.outOfPathway = true;
    act.outOfPathwayOverrunCents = random() < 0.5 ? 0 : int(1000);
  }
  if (random() < 0.3) act.ear = pick(["left", "right", "both"] as const);
  const history: PastAct[] = Array.from({ length: int(8) }, () => ({
    category: pick(table.lines).category,
    careDate: addDays(careDate, -int(3 * 365)),
    amcCents: int(20000),
    quantity: 1 + int(2),
  }));
  const beneficiary = {
    birthDate: addDays("1940-01-01", int(85 * 365)),
    coverageStart: addDays("2024-01-01", int(900)),
  };
  return { table, act, beneficiary, history };
}

describe("invariants over 4 000 random acts on the demo tables and the test table", () => {
  const random = prng(20260825);
  const inputs = Array.from({ length: 4000 }, () => randomInput(random));
  const results = inputs.map((input) => computeReimbursement(input));

  it("the reste à charge is never negative, and is whole cents", () => {
    for (const r of results) expect(Number.isSafeInteger(r.remainingCents) && r.remainingCents >= 0).toBe(true);
  });

  it("AMO + AMC never exceeds the amount charged; the AMC is never negative", () => {
    for (const r of results) {
      expect(r.amcCents).toBeGreaterThanOrEqual(0);
      expect(r.amoCents + r.amcCents).toBeLessThanOrEqual(r.amountChargedCents);
      expect(r.amoCents + r.amcCents + r.remainingCents).toBe(r.amountChargedCents);
    }
  });

  it("participations and franchises always stay in the reste à charge (responsible tables)", () => {
    inputs.forEach((input, i) => {
      expect(results[i]!.remainingCents).toBeGreaterThanOrEqual(input.act.deductibleCents ?? 0);
    });
  });

  it("hors parcours: the majoration and the dépassement stay in the reste à charge (responsible tables)", () => {
    let seen = 0;
    inputs.forEach((input, i) => {
      if (!input.table.responsible || !input.act.outOfPathway) return;
      seen++;
      const { amoShareCents, excludedCents } = amoBasis(input.table, input.act);
      const atLeast = Math.min(
        input.act.amountChargedCents - input.act.amoCents,
        amoShareCents - input.act.amoCents + excludedCents,
      );
      expect(results[i]!.remainingCents).toBeGreaterThanOrEqual(atLeast);
    });
    expect(seen).toBeGreaterThan(100);
  });

  it("paying more, everything else equal, never lowers the AMC", () => {
    const more = prng(7);
    inputs.forEach((input, i) => {
      const extra = 1 + Math.floor(more() * 50000);
      const dearer = computeReimbursement({
        ...input,
        act: { ...input.act, amountChargedCents: input.act.amountChargedCents + extra },
      });
      // Hors parcours below the BR: the normal AMO part is computed on the amount charged (as the AMO's own),
      // so a dearer act with the same AMO payment is not "everything else equal".
      if (input.act.outOfPathway && input.act.amountChargedCents < input.act.baseCents) return;
      expect(dearer.amcCents).toBeGreaterThanOrEqual(results[i]!.amcCents);
    });
  });

  it("every answer explains itself and ends with the reste à charge", () => {
    for (const r of results) expect(r.steps.at(-1)).toMatch(/^Reste à charge : /);
  });

  it("exercised most rule kinds and limits (the generator is not degenerate)", () => {
    const limits = new Set(results.map((r) => r.limitedBy?.kind ?? "none"));
    for (const kind of [
      "none",
      "amountCharged",
      "noGuarantee",
      "renewal",
      "annualForfait",
      "perSessionCap",
      "responsibleCap",
      "priceLimit",
      "waitingPeriod",
    ]) {
      expect(limits).toContain(kind);
    }
  });
});
