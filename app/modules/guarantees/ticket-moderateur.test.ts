// The responsible floor: the whole ticket modérateur on every care the Sécurité sociale reimburses (art. R871-2
// 1° du code de la sécurité sociale: "l'intégralité de la participation de l'assuré définie à l'article
// R160-5"), except drugs at 30 % / 15 %, homeopathy and thermal cures; and the "TM + x €" rule that keeps a
// flat guarantee above it. Hand-computed on the demo's Essentielle level.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeReimbursement } from "./compute.ts";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import type { CareAct } from "./model.ts";
import { parseGuaranteeTables } from "./table-file.ts";
import { selectLevelTable } from "./versions.ts";

const essentielle = selectLevelTable(loadDemoGuaranteeTables(), "Essentielle", "2026-03-02")!;
const child = { birthDate: "2015-03-10", coverageStart: "2025-01-01" };
const adult = { birthDate: "1980-06-15", coverageStart: "2025-01-01" };
const hearingAid = (fields: Partial<CareAct>): CareAct => ({
  category: "audiologie_classe_2",
  careDate: "2026-03-02",
  amountChargedCents: 180_000,
  baseCents: 0,
  amoCents: 0,
  ear: "left",
  ...fields,
});

type Demo = {
  products: {
    responsible: boolean;
    levels: {
      versions: { lines: { id: string; category: string; practitioner?: string; rule: Record<string, unknown> }[] }[];
    }[];
  }[];
};
const demoFile = (): Demo => JSON.parse(readFileSync("config/guarantees/demo.json", "utf8")) as Demo;
const essentielleLines = (file: Demo) => file.products[0]!.levels[0]!.versions[0]!.lines;
const refusalOf = (file: Demo) => {
  const result = parseGuaranteeTables(file);
  if (result.ok) throw new Error("the file was accepted");
  return result.issues;
};

describe("TM + x € (ticketModerateurPlusEuros)", () => {
  it("Essentielle, class II hearing aid for a child: TM 560,00 + 140,00 = 700,00 (was a flat 300,00 below the TM)", () => {
    // under 20: BR 1 400,00 (LPP), AMO 60 % = 840,00 ; TM 1 400 − 840 = 560 ; + 140 = 700 ; cap 1 700 − 840 = 860 (R871-2)
    // → 700,00 ; RAC 1 800 − 840 − 700 = 260,00
    const r = computeReimbursement({
      table: essentielle,
      act: hearingAid({ baseCents: 140_000, amoCents: 84_000 }),
      beneficiary: child,
      history: [],
    });
    expect([r.amcCents, r.remainingCents]).toEqual([70_000, 26_000]);
    expect(r.steps.join("\n").replace(/[\u00a0\u202f]/g, " ")).toContain(
      "Votre garantie : ticket modérateur 1 400,00 € (BR) − 840,00 € (Sécurité sociale) = 560,00 €, plus 140,00 € ; 560,00 € + 140,00 € = 700,00 €.",
    );
  });

  it("Essentielle, class II hearing aid for an adult: TM 160,00 + 140,00 = 300,00, as before", () => {
    // 20 and over: BR 400,00, AMO 60 % = 240,00 ; TM 160 + 140 = 300 ; RAC 1 800 − 240 − 300 = 1 260,00
    const r = computeReimbursement({
      table: essentielle,
      act: hearingAid({ baseCents: 40_000, amoCents: 24_000 }),
      beneficiary: adult,
      history: [],
    });
    expect([r.amcCents, r.remainingCents]).toEqual([30_000, 126_000]);
  });

  it("charged below the BR: the TM is on the amount charged, and never more than the expense", () => {
    // 2 aids, BR 800, charged 700: AMO 60 % × 700 = 420 ; TM 700 − 420 = 280 ; + 2 × 140 = 560 ; ≤ 700 − 420 = 280 → 280
    const r = computeReimbursement({
      table: essentielle,
      act: hearingAid({ amountChargedCents: 70_000, baseCents: 80_000, amoCents: 42_000, quantity: 2, ear: "both" }),
      beneficiary: adult,
      history: [],
    });
    expect([r.amcCents, r.remainingCents]).toEqual([28_000, 0]);
  });
});

describe("loader: a responsible level covers at least the ticket modérateur", () => {
  it("accepts the demo file", () => {
    const result = parseGuaranteeTables(demoFile());
    expect(result.ok ? "ok" : result.message).toBe("ok");
  });

  it("refuses the former Essentielle hearing aid (flat 300 €) with the line and a French reason", () => {
    const file = demoFile();
    const index = essentielleLines(file).findIndex((l) => l.id === "audiologie-classe-2");
    essentielleLines(file)[index]!.rule = { kind: "eurosPerAct", amountCents: 30000 };
    const issues = refusalOf(file).map((i) => ({ path: i.path, message: i.message.replace(/[\u00a0\u202f]/g, " ") }));
    expect(issues).toEqual([
      {
        path: `products[0].levels[0].versions[0].lines[${index}].rule (ligne « audiologie-classe-2 »)`,
        message:
          "contrat responsable : 300,00 € par unité ne couvrent pas le ticket modérateur (40 % de la BR, Sécurité sociale à 60 %), qui peut atteindre 560,00 € par unité : utilisez « ticketModerateurPlusEuros » (art. R871-2 1° du code de la sécurité sociale)",
      },
    ]);
  });

  it("refuses 90 % BR y compris RO, a hors-RO rate below the TM, a forfait, and a missing line; names each", () => {
    const file = demoFile();
    const lines = essentielleLines(file);
    lines.find((l) => l.id === "analyses")!.rule = { kind: "percentOfBaseIncludingAmo", rateBp: 9000 };
    lines.find((l) => l.id === "auxiliaires-medicaux")!.rule = { kind: "percentOfBaseExcludingAmo", rateBp: 3000 }; // TM is 40 %
    lines.find((l) => l.id === "dentaire-soins")!.rule = {
      kind: "eurosPerSession",
      amountCents: 5000,
      sessionsPerYear: 4,
    };
    lines.splice(
      lines.findIndex((l) => l.id === "radiologie-non-optam"),
      1,
    );
    const messages = refusalOf(file).map((i) => `${i.path} : ${i.message}`.replace(/[\u00a0\u202f]/g, " "));
    expect(messages).toHaveLength(4);
    expect(messages.join("\n")).toContain(
      "(ligne « analyses ») : contrat responsable : 90 % de la BR y compris Sécurité sociale ne couvre pas le ticket modérateur (40 % de la BR, Sécurité sociale à 60 %) : 100 % au moins",
    );
    expect(messages.join("\n")).toContain(
      "(ligne « auxiliaires-medicaux ») : contrat responsable : 30 % de la BR en plus de la Sécurité sociale ne couvre pas le ticket modérateur (40 % de la BR, Sécurité sociale à 60 %) : 40 % au moins",
    );
    expect(messages.join("\n")).toContain(
      "(ligne « dentaire-soins ») : contrat responsable : une règle « eurosPerSession »",
    );
    expect(messages.join("\n")).toContain(
      "aucune ligne pour « radiologie » (médecin non adhérent OPTAM) au niveau « Essentielle »",
    );
  });

  it("leaves the legal exceptions free (drugs at 30 % and 15 %, thermal cures), and non-responsible products", () => {
    const file = demoFile();
    const lines = essentielleLines(file);
    for (const id of ["pharmacie-30", "pharmacie-15", "cure-thermale"]) {
      const index = lines.findIndex((l) => l.id === id);
      if (index >= 0) lines.splice(index, 1);
    }
    expect(parseGuaranteeTables(file).ok).toBe(true);
    const free = demoFile();
    free.products[0]!.responsible = false;
    essentielleLines(free).find((l) => l.id === "analyses")!.rule = { kind: "percentOfBaseIncludingAmo", rateBp: 5000 };
    expect(parseGuaranteeTables(free).ok).toBe(true);
  });
});

// Low 15: art. R871-2 1° CSS caps a non-OPTAM doctor's overrun at 100 % BR and 20 % BR below the OPTAM
// guarantee. When the OPTAM line is written "hors RO", its total is its rate plus the AMO's (70 % for doctors).
describe("non-OPTAM ceiling from an OPTAM line written hors RO", () => {
  const horsRo = (rateBp: number) => ({ kind: "percentOfBaseExcludingAmo" as const, rateBp });
  const table = {
    ...essentielle,
    lines: [
      { id: "spe-optam", category: "specialiste" as const, practitioner: "optam" as const, rule: horsRo(10_000) },
      {
        id: "spe-non-optam",
        category: "specialiste" as const,
        practitioner: "nonOptam" as const,
        rule: horsRo(10_000),
      },
    ],
  };
  it("100 % hors RO for OPTAM = 170 % y compris RO: non-OPTAM ceiling 150 % (not 200 %)", () => {
    // BR 30, AMO 70 % = 21,00, charged 80 ; rule 100 % × 30 = 30,00 ; ceiling min(200 %, 170 − 20 = 150 %) × 30 = 45 − 21
    // = 24,00 → 24,00 (was 30,00 under a 200 % ceiling) ; RAC 80 − 21 − 24 = 35,00
    const r = computeReimbursement({
      table,
      act: {
        category: "specialiste",
        careDate: "2026-03-02",
        amountChargedCents: 8_000,
        baseCents: 3_000,
        amoCents: 2_100,
        optam: false,
      },
      beneficiary: adult,
      history: [],
    });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([2_400, 3_500, "responsibleCap"]);
  });
});
