import { describe, expect, it } from "vitest";
import { describeConditions, describeLineTitle, describeRule } from "./describe.ts";
import { exampleFor } from "./examples.ts";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import { selectLevelTable } from "./versions.ts";

const sp = (s: string | null) => s?.replace(/[\u00a0\u202f]/g, " ");
const table = selectLevelTable(loadDemoGuaranteeTables(), "Optimale", "2026-06-01")!;
const line = (id: string) => table.lines.find((l) => l.id === id)!;

describe("describeRule", () => {
  it("says each rule kind in plain French", () => {
    expect(sp(describeRule(line("generaliste-optam"), table))).toBe(
      "200 % de la base de remboursement, Sécurité sociale comprise",
    );
    expect(describeLineTitle(line("generaliste-optam"))).toBe("Médecin généraliste adhérent OPTAM");
    expect(sp(describeRule(line("verres-complexes"), table))).toBe(
      "280,00 € par verre, en plus de la Sécurité sociale",
    );
    expect(sp(describeRule(line("psychologue"), table))).toBe("30,00 € par séance, 8 séances par an");
    expect(sp(describeRule(line("chambre-particuliere"), table))).toBe("80,00 € par nuit, 60 nuits par an au plus");
    expect(sp(describeRule(line("chiropractie"), table))).toBe(
      "75,00 € par séance, dans la limite de 150,00 € et 4 séances par an (forfait « Médecines douces » commun)",
    );
    expect(describeRule(line("optique-100-sante"), table)).toContain("100 % Santé");
  });

  it("states renewal and waiting periods", () => {
    expect(describeConditions(line("verres-complexes"))[0]).toMatch(/^Un équipement tous les 2 ans/);
    expect(describeConditions(line("orthodontie"))).toContain(
      "Après un délai d'attente de 6 mois à compter de l'adhésion.",
    );
    expect(describeConditions(line("generaliste-optam"))).toEqual([]);
  });
});

describe("exampleFor", () => {
  it("works out a GP visit with the engine: 30 € charged, 28 € paid back, the 2 € participation left", () => {
    // AMO 70 % × 30 = 21 − 2 = 19; 200 % BR y.c. RO: 60 − 21 = 39, capped at 30 − 19 − 2 = 9; 19 + 9 = 28.
    expect(sp(exampleFor(line("generaliste-optam"), table, "2026-06-01"))).toBe(
      "Pour une consultation à 30 €, vous êtes remboursé 28,00 € (19,00 € par la Sécurité sociale, 9,00 € par votre mutuelle) ; il vous reste 2,00 € à payer.",
    );
  });

  it("works out a chiropractie session within the per-session cap", () => {
    // No AMO; forfait 75 € per session, 150 € a year: 60 € fully paid.
    expect(sp(exampleFor(line("chiropractie"), table, "2026-06-01"))).toBe(
      "Pour une séance de chiropractie à 60 €, vous êtes remboursé 60,00 € : rien ne reste à votre charge.",
    );
    expect(exampleFor(line("generaliste-non-optam"), table, "2026-06-01")).toBeNull();
  });

  it("physiotherapy: the 1 € franchise per paramedical act stays with the member (L160-13 III, L871-1)", () => {
    // BR 16,13 ; AMO 60 % = 9,68 − 1,00 franchise = 8,68 ; share 9,68 ; Optimale 150 % × 16,13 = 24,20 (24,195 half-up)
    // − 9,68 = 14,52 ; ≤ 20,00 − 9,68 = 10,32 → 10,32 ; 8,68 + 10,32 = 19,00 ; RAC 1,00 (the franchise)
    expect(sp(exampleFor(line("auxiliaires-medicaux"), table, "2026-06-01"))).toBe(
      "Pour une séance de kinésithérapie à 20 €, vous êtes remboursé 19,00 € (8,68 € par la Sécurité sociale, 10,32 € par votre mutuelle) ; il vous reste 1,00 € à payer.",
    );
  });

  it("dental care at the 60 % AMO rate in force since 01/10/2023", () => {
    // BR 28,92 ; AMO 60 % = 17,352 → 17,35 ; Optimale 200 % × 28,92 = 57,84 − 17,35 = 40,49 ; ≤ 30,00 − 17,35 = 12,65
    // → 12,65 ; 17,35 + 12,65 = 30,00 ; nothing left
    expect(sp(exampleFor(line("dentaire-soins"), table, "2026-06-01"))).toBe(
      "Pour un soin dentaire à 30 €, vous êtes remboursé 30,00 € (17,35 € par la Sécurité sociale, 12,65 € par votre mutuelle) : rien ne reste à votre charge.",
    );
  });
});
