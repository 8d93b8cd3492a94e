// Worked cases for counter-based rules: shared annual forfait (médecines douces: 150 €/an, 4 séances,
// ostéopathie ≤ 50 €, chiropractie ≤ 75 €, acupuncture ≤ 40 € per session), euros per session (psychologue
// 25 € × 6/an), per-day forfaits (chambre particulière 60 €/nuit, 10 nuits/an; forfait journalier 20 €/jour),
// an annual forfait without session count (cure 200 €/an), lentilles 100 € per membership year.
import { describe, expect, it } from "vitest";
import type { PastAct, UsageCounter } from "./model.ts";
import { act, plain, run } from "./test-fixtures.ts";
import { toMeter } from "./meters.ts";

const session = (category: string, careDate: string, amountChargedCents: number, quantity?: number) =>
  act(category, { careDate, amountChargedCents, ...(quantity ? { quantity } : {}) });
const past = (category: string, careDate: string, amcCents: number, quantity?: number): PastAct => ({
  category,
  careDate,
  amcCents,
  ...(quantity ? { quantity } : {}),
});
const forfait = (counters: UsageCounter[]) => counters.find((c) => c.kind === "forfait");

describe("shared annual forfait (médecines douces)", () => {
  it("21. a chiropractic session of 80 € with no AMO: 75 € (per-session cap)", () => {
    // frais réels 80 − 0 = 80 ; cap 75 → 75 ; forfait 150 − 0 = 150 left → 75 ; RAC 80 − 0 − 75 = 5
    const r = run(session("chiropractie", "2026-05-28", 8000));
    expect([r.amcCents, r.remainingCents]).toEqual([7500, 500]);
    expect(r.limitedBy?.kind).toBe("perSessionCap");
    expect(forfait(r.counters)).toMatchObject({
      label: "Médecines douces",
      usedCents: 7500,
      limitCents: 15000,
      remainingCents: 7500,
      sessionsUsed: 1,
      sessionsLeft: 3,
    });
  });

  it("22. an osteopathy session after it draws on the same forfait", () => {
    // 60 − 0 = 60 ; cap 50 → 50 ; forfait 150 − 75 = 75 left → 50 ; RAC 60 − 50 = 10 ; used 75 + 50 = 125
    const r = run(session("osteopathie", "2026-06-10", 6000), { history: [past("chiropractie", "2026-05-28", 7500)] });
    expect([r.amcCents, r.remainingCents]).toEqual([5000, 1000]);
    expect(forfait(r.counters)).toMatchObject({ usedCents: 12500, remainingCents: 2500, sessionsLeft: 2 });
  });

  it("23. the forfait runs out during the third session", () => {
    // acupuncture 50 − 0 = 50 ; cap 40 → 40 ; forfait 150 − (75 + 50) = 25 left → 25 ; RAC 50 − 25 = 25
    const history = [past("chiropractie", "2026-05-28", 7500), past("osteopathie", "2026-06-10", 5000)];
    const r = run(session("acupuncture", "2026-07-01", 5000), { history });
    expect([r.amcCents, r.remainingCents]).toEqual([2500, 2500]);
    expect(r.limitedBy?.kind).toBe("annualForfait");
    expect(forfait(r.counters)).toMatchObject({
      usedCents: 15000,
      remainingCents: 0,
      sessionsUsed: 3,
      sessionsLeft: 1,
    });
  });

  it("24. an exhausted forfait pays nothing and consumes no session", () => {
    // 75 + 75 = 150 used in 2 sessions (the 0 € acupuncture line was a refusal: it counts for nothing)
    // forfait 150 − 150 = 0 left → 0 ; RAC 60 − 0 = 60 ; sessions stay at 2
    const history = [
      past("chiropractie", "2026-02-01", 7500),
      past("chiropractie", "2026-03-01", 7500),
      past("acupuncture", "2026-04-01", 0),
    ];
    const r = run(session("osteopathie", "2026-06-10", 6000), { history });
    expect([r.amcCents, r.remainingCents]).toEqual([0, 6000]);
    expect(r.limitedBy?.kind).toBe("annualForfait");
    expect(forfait(r.counters)).toMatchObject({ usedCents: 15000, sessionsUsed: 2, sessionsLeft: 2 });
  });

  it("25. four sessions already reimbursed: the fifth is refused on the session count", () => {
    // 4 × 20 = 80 used (70 € left) but 4 of 4 sessions used → 0 ; RAC 60
    const history = ["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10"].map((d) => past("osteopathie", d, 2000));
    const r = run(session("osteopathie", "2026-05-10", 6000), { history });
    expect([r.amcCents, r.remainingCents]).toEqual([0, 6000]);
    expect(r.limitedBy?.kind).toBe("sessionCount");
    expect(forfait(r.counters)).toMatchObject({ usedCents: 8000, sessionsLeft: 0 });
  });

  const december = ["2025-12-01", "2025-12-08", "2025-12-15", "2025-12-31"].map((d) => past("osteopathie", d, 3750));

  it("26. sessions in December: a fifth on 31 December is refused", () => {
    // 2025: 4 sessions × 37,50 = 150 used → 0 ; RAC 60
    const r = run(session("osteopathie", "2025-12-31", 6000), { history: december });
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([0, "sessionCount"]);
  });

  it("27. …and the counter starts again on 1 January", () => {
    // 2026: nothing used ; 60 → cap 50 → 50 ; RAC 10 ; period 01/01/2026–31/12/2026
    const r = run(session("osteopathie", "2026-01-01", 6000), { history: december });
    expect([r.amcCents, r.remainingCents]).toEqual([5000, 1000]);
    expect(forfait(r.counters)).toMatchObject({
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      usedCents: 5000,
      sessionsLeft: 3,
    });
  });

  it("28. two sessions in one act with one left: only one is paid, at its share of the expense", () => {
    // 3 sessions × 30 = 90 used ; 1 left of 2 asked ; share 120 × 1/2 = 60 ; cap 50 × 1 = 50 ; forfait 60 left → 50
    // RAC 120 − 50 = 70
    const history = ["2026-01-10", "2026-02-10", "2026-03-10"].map((d) => past("osteopathie", d, 3000));
    const r = run(session("osteopathie", "2026-04-10", 12000, 2), { history });
    expect([r.amcCents, r.remainingCents]).toEqual([5000, 7000]);
    expect(forfait(r.counters)).toMatchObject({ usedCents: 14000, sessionsUsed: 4, sessionsLeft: 0 });
  });

  it("29. three sessions with one left, cheap sessions: the session count is the limit", () => {
    // share 90 × 1/3 = 30 ; cap 50 → 30 ; forfait 60 left → 30 ; RAC 90 − 30 = 60
    const history = ["2026-01-10", "2026-02-10", "2026-03-10"].map((d) => past("osteopathie", d, 3000));
    const r = run(session("osteopathie", "2026-04-10", 9000, 3), { history });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([3000, 6000, "sessionCount"]);
  });

  it("30. refused past acts (0 €) do not use sessions", () => {
    // 4 refused lines → 0 sessions used ; 60 → cap 50 → 50
    const history = ["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10"].map((d) => past("osteopathie", d, 0));
    expect(run(session("osteopathie", "2026-05-10", 6000), { history }).amcCents).toBe(5000);
  });

  it("31. another beneficiary's or another category's history is not counted (only this pool)", () => {
    // psychologue lines are not médecines douces: 60 → 50
    const history = [past("psychologue", "2026-01-10", 2500, 4)];
    expect(run(session("osteopathie", "2026-05-10", 6000), { history }).amcCents).toBe(5000);
  });
});

describe("forfait on the membership year (lentilles, 100 € per year from the coverage anniversary)", () => {
  const beneficiary = { birthDate: "1980-06-15", coverageStart: "2024-04-01" };
  const history = [past("optique_lentilles", "2026-03-20", 8000)];

  it("32. 31 March is still in the membership year that started on 1 April 2025", () => {
    // 100 − 80 = 20 left ; 50 − 0 → 20 ; RAC 30
    const r = run(session("optique_lentilles", "2026-03-31", 5000), { beneficiary, history });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([2000, 3000, "annualForfait"]);
    expect(forfait(r.counters)).toMatchObject({ periodStart: "2025-04-01", periodEnd: "2026-03-31" });
  });

  it("33. 1 April opens a new membership year", () => {
    // 100 left ; 50 → 50 ; RAC 0
    const r = run(session("optique_lentilles", "2026-04-01", 5000), { beneficiary, history });
    expect([r.amcCents, r.remainingCents]).toEqual([5000, 0]);
  });
});

describe("euros per session with an annual count (psychologue 25 € × 6)", () => {
  it("34. one session of 60 €", () => {
    // 25 × 1 = 25 ; RAC 60 − 25 = 35 ; 1 of 6 used
    const r = run(session("psychologue", "2026-03-02", 6000));
    expect([r.amcCents, r.remainingCents]).toEqual([2500, 3500]);
    expect(r.counters[0]).toMatchObject({ kind: "sessions", sessionsUsed: 1, sessionsLimit: 6, sessionsLeft: 5 });
  });

  it("35. three sessions with two left", () => {
    // 4 used ; 2 paid × 25 = 50 ; share 180 × 2/3 = 120 ≥ 50 → 50 ; RAC 180 − 50 = 130
    const r = run(session("psychologue", "2026-03-02", 18000, 3), {
      history: [past("psychologue", "2026-01-05", 10000, 4)],
    });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([5000, 13000, "sessionCount"]);
    expect(r.counters[0]).toMatchObject({ sessionsUsed: 6, sessionsLeft: 0 });
  });

  it("36. all six sessions used: nothing", () => {
    // 6 of 6 used → 0 ; RAC 60
    const r = run(session("psychologue", "2026-03-02", 6000), {
      history: [past("psychologue", "2026-01-05", 15000, 6)],
    });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([0, 6000, "sessionCount"]);
  });

  it("37. a session charged 20 € gets 20 €, not 25 €", () => {
    // 25 > 20 − 0 → 20 ; RAC 0
    const r = run(session("psychologue", "2026-03-02", 2000));
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([2000, 0, "amountCharged"]);
  });

  it("38. two cheap sessions with one left: capped at the share of the covered session", () => {
    // 5 used ; 1 paid × 25 = 25 ; share 40 × 1/2 = 20 → 20 ; RAC 40 − 20 = 20
    const r = run(session("psychologue", "2026-03-02", 4000, 2), {
      history: [past("psychologue", "2026-01-05", 12500, 5)],
    });
    expect([r.amcCents, r.remainingCents]).toEqual([2000, 2000]);
  });
});

describe("per-day forfaits", () => {
  it("39. private room: 3 nights at 70 € with 60 € per night", () => {
    // 60 × 3 = 180 ; RAC 210 − 180 = 30 ; 3 of 10 nights used
    const r = run(session("hospitalisation_chambre_particuliere", "2026-03-02", 21000, 3));
    expect([r.amcCents, r.remainingCents]).toEqual([18000, 3000]);
    expect(r.counters[0]).toMatchObject({ unit: "nuit", sessionsUsed: 3, sessionsLeft: 7 });
  });

  it("40. private room: 4 nights with 2 left in the year", () => {
    // 8 used ; 2 × 60 = 120 ; share 280 × 2/4 = 140 ≥ 120 → 120 ; RAC 280 − 120 = 160
    const r = run(session("hospitalisation_chambre_particuliere", "2026-09-02", 28000, 4), {
      history: [past("hospitalisation_chambre_particuliere", "2026-02-10", 48000, 8)],
    });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([12000, 16000, "dayCount"]);
  });

  it("41. forfait journalier, 5 days at 20 €, no yearly limit", () => {
    // 20 × 5 = 100 ; RAC 0
    const r = run(session("hospitalisation_forfait_journalier", "2026-03-02", 10000, 5));
    expect([r.amcCents, r.remainingCents]).toEqual([10000, 0]);
    expect(r.counters).toEqual([]);
  });

  it("42. forfait journalier psychiatrique at 15 €: never more than charged", () => {
    // 20 × 2 = 40 > 30 → 30 ; RAC 0
    const r = run(session("hospitalisation_forfait_journalier", "2026-03-02", 3000, 2));
    expect([r.amcCents, r.remainingCents]).toEqual([3000, 0]);
    expect(plain(r.steps.join("\n"))).toContain("20,00 € par jour × 2 jours = 40,00 €");
  });
});

describe("other forfaits", () => {
  it("43. spa treatment: 200 € per year on the part the AMO leaves", () => {
    // frais réels 500 − 200 = 300 ; forfait 200 → 200 ; RAC 500 − 200 − 200 = 100
    const r = run(act("cure_thermale", { amountChargedCents: 50000, baseCents: 30000, amoCents: 20000 }));
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([20000, 10000, "annualForfait"]);
  });

  it("44. prevention: 20 € per act", () => {
    // 20 ; RAC 35 − 20 = 15
    const r = run(session("prevention", "2026-03-02", 3500));
    expect([r.amcCents, r.remainingCents]).toEqual([2000, 1500]);
  });
});

describe("counters in the guarantee's unit (issue 20, item 15)", () => {
  it("reads a private room in nights, feminine: « 3 nuits utilisées sur 10 nuits »", () => {
    const r = run(session("hospitalisation_chambre_particuliere", "2026-03-02", 21000, 3));
    expect(toMeter(r.counters[0]!, "2026-03-02").text).toMatch(/^3 nuits utilisées sur 10 nuits \(jusqu'au /);
    expect(r.steps.join(" ")).toContain("par nuit × 3 nuits");
  });
});
