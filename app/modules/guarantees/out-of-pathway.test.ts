// Hors parcours de soins coordonnés, computed by hand. When the member sees a doctor outside the coordinated
// pathway, the Sécurité sociale pays 30 % instead of 70 % (majoration of the member's participation, art.
// L162-5-3 CSS). A contrat responsable must not cover that majoration nor the dépassement billed for being
// outside the pathway (art. L871-1 CSS: « ne couvrent pas … la majoration de la participation … prévue à
// l'article L. 162-5-3 » ; art. R871-1 CSS: exclusion of the majoration and of the dépassements on acts
// outside the pathway). So the guarantee is computed on the normal AMO rate.
import { describe, expect, it } from "vitest";
import type { GuaranteeTable } from "./model.ts";
import { act, nonResponsibleTable, plain, run, testTable } from "./test-fixtures.ts";

// A 100 % BR level, as the demo's Essentielle: the contract pays the ticket modérateur and nothing more.
const ticketModerateur: GuaranteeTable = {
  ...testTable,
  levelId: "tm",
  lines: [
    { id: "gp", category: "generaliste", rule: { kind: "percentOfBaseIncludingAmo", rateBp: 10_000 } },
    { id: "spe", category: "specialiste", rule: { kind: "percentOfBaseIncludingAmo", rateBp: 10_000 } },
  ],
};

// GP visit 30 €, BR 30 €, hors parcours: AMO 30 % × 30 = 9,00 − 2,00 participation forfaitaire = 7,00 paid.
const gpOutOfPathway = act("generaliste", {
  amountChargedCents: 3000,
  baseCents: 3000,
  amoCents: 700,
  deductibleCents: 200,
  optam: true,
  outOfPathway: true,
});

describe("hors parcours de soins (L162-5-3, L871-1, R871-1 CSS)", () => {
  it("GP visit 30 € at 100 % BR: the mutuelle pays the normal ticket modérateur, 9,00, not 21,00", () => {
    // normal AMO share 70 % × 30,00 = 21,00 ; 100 % × 30,00 = 30,00 − 21,00 = 9,00 ;
    // RAC 30,00 − 7,00 − 9,00 = 14,00 = 2,00 participation + 12,00 majoration (21,00 − 9,00)
    const r = run(gpOutOfPathway, { table: ticketModerateur });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([900, 1400, "outOfPathway"]);
    const text = plain(r.steps.join("\n"));
    expect(text).toContain(
      "70 % de 30,00 € = 21,00 € ; 21,00 € − 9,00 € versés = 12,00 € de majoration restent à votre charge",
    );
    expect(text).toContain("L162-5-3");
  });

  it("the same visit within the pathway: the usual 9,00 (the flag changes nothing when the AMO paid 70 %)", () => {
    // AMO 70 % × 30 − 2 = 19,00 ; share 21,00 ; 30,00 − 21,00 = 9,00 ; RAC 30 − 19 − 9 = 2,00 (participation)
    const r = run({ ...gpOutOfPathway, amoCents: 1900, outOfPathway: false }, { table: ticketModerateur });
    expect([r.amcCents, r.remainingCents]).toEqual([900, 200]);
  });

  it("specialist hors parcours with a 5,00 € dépassement autorisé: the DA stays with the member too", () => {
    // charged 35,00, BR 30,00, AMO 30 % = 9,00 − 2,00 = 7,00 ; normal share 21,00 ; rule 250 % × 30 = 75,00 − 21,00 = 54,00 ;
    // never more than 35,00 − 21,00 − 5,00 (DA) = 9,00 ; RAC 35,00 − 7,00 − 9,00 = 19,00 = 2 + 12 + 5
    const r = run(
      act("specialiste", {
        amountChargedCents: 3500,
        baseCents: 3000,
        amoCents: 700,
        deductibleCents: 200,
        optam: true,
        outOfPathway: true,
        outOfPathwayOverrunCents: 500,
      }),
    );
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([900, 1900, "outOfPathway"]);
    expect(plain(r.steps.join("\n"))).toContain(
      "35,00 € − 21,00 € (Sécurité sociale au taux normal) − 5,00 € (dépassement hors parcours) = 9,00 €",
    );
  });

  it("a pathway rate given by the caller is used (e.g. 100 % for an ALD act)", () => {
    // normal share 100 % × 30,00 = 30,00 ; 100 % BR − 30,00 = 0,00 ; RAC 30,00 − 7,00 = 23,00
    const r = run({ ...gpOutOfPathway, pathwayAmoRateBp: 10_000 }, { table: ticketModerateur });
    expect([r.amcCents, r.remainingCents]).toEqual([0, 2300]);
  });

  it("a contract that is not responsable may cover the majoration: the flag does not change it", () => {
    // non-responsible: share = AMO paid 7,00 ; 200 % × 30 = 60,00 − 7,00 = 53,00 ; ≤ 30,00 − 7,00 = 23,00 ; RAC 0
    const r = run(gpOutOfPathway, { table: nonResponsibleTable });
    expect([r.amcCents, r.remainingCents]).toEqual([2300, 0]);
  });

  it("only doctors' fees have a pathway: the flag changes nothing on a frame", () => {
    // frame 200 €, BR 0,05, AMO 0,03 ; 150 → cap 100, as without the flag
    const r = run(
      act("optique_monture", {
        amountChargedCents: 20000,
        baseCents: 5,
        amoCents: 3,
        outOfPathway: true,
        outOfPathwayOverrunCents: 500,
      }),
    );
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([10000, "responsibleCap"]);
  });
});
