// Coverage end: care after a beneficiary's removal from the contract, or after the contract's end
// (résiliation), is not the mutuelle's: the guarantee covers care received while the person is covered
// (the contract's own terms; art. L113-15-2 du code des assurances / L221-10-2 du code de la mutualité for the
// résiliation's effective date). The last covered day is included.
import { describe, expect, it } from "vitest";
import { act, adult, plain, run } from "./test-fixtures.ts";

const gp = (careDate: string) =>
  act("generaliste", {
    careDate,
    amountChargedCents: 3000,
    baseCents: 3000,
    amoCents: 1900,
    deductibleCents: 200,
    optam: true,
  });

describe("coverage end", () => {
  it("the last covered day is still paid; the day after is refused with a French reason (removed beneficiary)", () => {
    // GP 30 €, test table 200 % OPTAM: 60 − 21 = 39 ; ≤ 30 − 21 = 9,00 on 31/03/2026 ; 0 on 01/04/2026, RAC 30 − 19 = 11,00
    const removed = { ...adult, coverageEnd: "2026-03-31", coverageEndedBy: "beneficiary" as const };
    expect(run(gp("2026-03-31"), { beneficiary: removed }).amcCents).toBe(900);
    const after = run(gp("2026-04-01"), { beneficiary: removed });
    expect([after.amcCents, after.remainingCents, after.limitedBy?.kind]).toEqual([0, 1100, "afterCoverage"]);
    expect(plain(after.limitedBy!.label)).toBe(
      "Soin postérieur à la fin de la couverture de ce bénéficiaire (couvert jusqu'au 31/03/2026 inclus) : la mutuelle rembourse les soins reçus pendant la couverture.",
    );
  });

  it("after the contract's end: refused, the reason names the contract", () => {
    const ended = { ...adult, coverageEnd: "2026-12-31", coverageEndedBy: "contract" as const };
    const r = run(gp("2027-01-02"), { beneficiary: ended });
    expect(r.amcCents).toBe(0);
    expect(plain(r.steps.join("\n"))).toContain(
      "Soin postérieur à la fin du contrat (couverture jusqu'au 31/12/2026 inclus)",
    );
  });
});
