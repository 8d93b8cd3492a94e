// Renewal checked on both sides of the care date, computed by hand. Paper claims reach the mutuelle up to
// 2 years and 3 months after the care (the AMO's 2-year prescription, art. L332-1 CSS, plus its processing),
// so an equipment bought earlier can be claimed after a newer one was reimbursed. Art. R871-2 CSS limits a
// responsible contract to the LPP's renewal periods — one optical equipment per 2 years from 16, 1 year under
// 16 (LPP titre II ch. 2, arrêté du 3 décembre 2018), one hearing aid per 4 years (ch. 3, arrêté du 14 novembre
// 2018): the condition is on the *interval between two equipments*, whichever is claimed
// first. So any reimbursed equipment of the group within the period either side blocks the other (same day
// excepted: frame and lenses of one equipment), and the next renewal counts from the latest.
import { describe, expect, it } from "vitest";
import type { PastAct } from "./model.ts";
import { act, child, plain, run } from "./test-fixtures.ts";

const frame = (careDate: string) =>
  act("optique_monture", { careDate, amountChargedCents: 20000, baseCents: 5, amoCents: 3 });
const bought = (careDate: string, category = "optique_verres_simples"): PastAct => ({
  category,
  careDate,
  amcCents: 32000,
  quantity: 2,
});
/** A whole equipment as stored: its frame and its lenses, two lines of the same day. */
const equipment = (careDate: string): PastAct[] => [
  { category: "optique_monture", careDate, amcCents: 10000 },
  bought(careDate),
];
const renewal = (r: ReturnType<typeof run>) => r.counters.find((c) => c.kind === "renewal");

describe("renewal either side of the care date", () => {
  it("a frame bought 50 days before an equipment already reimbursed is refused", () => {
    // equipment 20/04/2026 reimbursed ; frame of 01/03/2026 claimed later: 01/03/2026 + 2 years = 01/03/2028 > 20/04/2026
    // → 0 ; RAC 200,00 − 0,03 = 199,97 ; next renewal from the latest: 20/04/2026 + 2 years = 20/04/2028
    const r = run(frame("2026-03-01"), { history: equipment("2026-04-20") });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([0, 19997, "renewal"]);
    expect(plain(r.limitedBy!.label)).toContain(
      "un équipement du 20/04/2026, postérieur à ce soin, a déjà été remboursé ; prochain remboursement possible à partir du 20/04/2028",
    );
    expect(renewal(r)).toMatchObject({ lastEquipmentDate: "2026-04-20", nextEligibleDate: "2028-04-20" });
  });

  it("a later equipment exactly 2 years after does not block; the next renewal still counts from it", () => {
    // 20/04/2024 + 2 years = 20/04/2026, not after 20/04/2026 → frame 150 → cap 100 ; latest 20/04/2026 → next 20/04/2028
    const r = run(frame("2024-04-20"), { history: equipment("2026-04-20") });
    expect(r.amcCents).toBe(10000);
    expect(renewal(r)).toMatchObject({ lastEquipmentDate: "2026-04-20", nextEligibleDate: "2028-04-20" });
  });

  it("a later equipment one day short of 2 years blocks", () => {
    // 21/04/2024 + 2 years = 21/04/2026 > 20/04/2026 → 0
    expect(run(frame("2024-04-21"), { history: equipment("2026-04-20") }).limitedBy?.kind).toBe("renewal");
  });

  it("the same day is the same equipment, before or after", () => {
    // lenses of that day reimbursed: the frame is part of the same equipment
    const r = run(frame("2026-04-20"), { history: [bought("2026-04-20")] });
    expect(r.amcCents).toBe(10000);
  });

  it("child: the period is the one on the later equipment's date (1 year under 16)", () => {
    // born 10/03/2015 ; equipment 14/09/2026 (11 years old → 1 year) ; care 15/09/2025 + 1 year = 15/09/2026 > 14/09/2026 → 0
    expect(run(frame("2025-09-15"), { beneficiary: child, history: equipment("2026-09-14") }).limitedBy?.kind).toBe(
      "renewal",
    );
    // 15/09/2026 is exactly 1 year later → 150 → cap 100
    expect(run(frame("2025-09-15"), { beneficiary: child, history: equipment("2026-09-15") }).amcCents).toBe(10000);
  });

  it("earlier and later equipments both count; the refusal names the later one", () => {
    // 01/06/2025 and 01/03/2027 around 01/09/2026: both within 2 years → 0 ; next from 01/03/2027 → 01/03/2029
    const r = run(frame("2026-09-01"), { history: [...equipment("2025-06-01"), ...equipment("2027-03-01")] });
    expect(r.limitedBy?.kind).toBe("renewal");
    expect(renewal(r)).toMatchObject({ lastEquipmentDate: "2027-03-01", nextEligibleDate: "2029-03-01" });
  });

  it("29 February: 2 years after 29/02/2024 is 28/02/2026, either side", () => {
    // addYears(29/02/2024, 2) = 28/02/2026 (no 29/02 in 2026): reimbursed that day, refused the day before
    expect(run(frame("2026-02-28"), { history: equipment("2024-02-29") }).amcCents).toBe(10000);
    expect(run(frame("2026-02-27"), { history: equipment("2024-02-29") }).limitedBy?.kind).toBe("renewal");
    // the other way: care 29/02/2024 claimed after an equipment of 27/02/2026 → blocked ; after one of 28/02/2026 → paid
    expect(run(frame("2024-02-29"), { history: equipment("2026-02-27") }).limitedBy?.kind).toBe("renewal");
    expect(run(frame("2024-02-29"), { history: equipment("2026-02-28") }).amcCents).toBe(10000);
  });

  it("hearing aids: a later class II aid within 4 years blocks an earlier class I claim", () => {
    // class II aid reimbursed 10/01/2026 ; class I of 02/03/2023 claimed late: 02/03/2023 + 4 = 02/03/2027 > 10/01/2026 → 0
    const r = run(
      act("audiologie_classe_1", {
        careDate: "2023-03-02",
        amountChargedCents: 95000,
        baseCents: 40000,
        amoCents: 24000,
        priceLimitCents: 95000,
      }),
      {
        history: [{ category: "audiologie_classe_2", careDate: "2026-01-10", amcCents: 146000 }],
      },
    );
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([0, "renewal"]);
    expect(renewal(r)).toMatchObject({ nextEligibleDate: "2030-01-10" });
  });
});

// LPP titre II, chapitre 2 (arrêté du 3 décembre 2018), conditions of renewal: when the frame and the lenses are
// renewed separately, the renewal period is assessed separately for each component.
describe("optical components renewed separately: each its own period", () => {
  const lenses = (careDate: string) =>
    act("optique_verres_simples", { careDate, amountChargedCents: 30000, baseCents: 10, amoCents: 6, quantity: 2 });

  it("new lenses are not refused because the frame alone was renewed later", () => {
    // equipment 02/03/2024 ; frame alone 01/05/2026 (2 years after the last frame: paid) ; lenses of 01/03/2026
    // claimed afterwards: last lenses 02/03/2024 + 2 years = 02/03/2026 > 01/03/2026 → refused by the lenses, not the frame
    // lenses of 02/03/2026: test table 2 × 200 = 400 ; cap 2 × 160 = 320 ; ≤ 300 − 0,06 = 299,94 → 299,94 (was 0: blocked by the frame)
    const history = [
      ...equipment("2024-03-02"),
      { category: "optique_monture", careDate: "2026-05-01", amcCents: 10000 },
    ];
    expect(run(lenses("2026-03-02"), { history }).amcCents).toBe(29994);
    expect(run(lenses("2026-03-01"), { history }).limitedBy?.kind).toBe("renewal");
  });

  it("a frame alone is measured against the last frame only; a class A equipment renews both", () => {
    // lenses alone 10/01/2026 do not block a frame of 01/06/2026 (last frame 02/03/2024 + 2 = 02/03/2026) → 150 → cap 100
    const history = [...equipment("2024-03-02"), bought("2026-01-10")];
    expect(run(frame("2026-06-01"), { history }).amcCents).toBe(10000);
    // a class A (100 % Santé) equipment of 10/01/2026 is frame and lenses: it blocks the frame
    const classA = [
      ...equipment("2024-03-02"),
      { category: "optique_100_sante", careDate: "2026-01-10", amcCents: 16000 },
    ];
    expect(run(frame("2026-06-01"), { history: classA }).limitedBy?.kind).toBe("renewal");
  });
});
