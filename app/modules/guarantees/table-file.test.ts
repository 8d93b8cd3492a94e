// The table file loader: a valid file loads whole; every problem refuses the whole file with its location.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseGuaranteeTables, type ParseResult } from "./table-file.ts";
import { amoReimbursed } from "./ticket-moderateur.ts";

/** A responsible level must cover the ticket modérateur everywhere (R871-2 1°): 100 % BR on the other categories. */
const floorLines = (present: string[]) =>
  Object.keys(amoReimbursed)
    .filter((c) => !present.includes(c))
    .map((category) => ({
      id: `tm-${category}`,
      category,
      rule: { kind: "percentOfBaseIncludingAmo", rateBp: 10000 },
    }));

function validFile() {
  return {
    formatVersion: 1,
    products: [
      {
        id: "p",
        label: "Produit",
        responsible: true,
        levels: [
          {
            id: "base",
            label: "Base",
            versions: [
              {
                effectiveFrom: "2025-01-01",
                forfaits: [{ id: "md", label: "Médecines douces", limitCents: 10000, maxSessions: 3 }],
                renewals: [
                  { id: "optique", label: "de l'équipement optique", years: 2, minorYears: 1, minorUnderAge: 16 },
                ],
                lines: [
                  { id: "gp", category: "generaliste", rule: { kind: "percentOfBaseIncludingAmo", rateBp: 10000 } },
                  {
                    id: "osteo",
                    category: "osteopathie",
                    rule: { kind: "annualForfait", forfaitId: "md", perSessionCapCents: 4000 },
                  },
                  {
                    id: "monture",
                    category: "optique_monture",
                    rule: { kind: "eurosPerAct", amountCents: 10000 },
                    renewal: "optique",
                  },
                  ...floorLines(["generaliste", "optique_monture"]),
                ] as { id: string; category: string; rule: Record<string, unknown>; renewal?: string }[],
              },
            ],
          },
        ],
      },
    ],
  };
}

type File = ReturnType<typeof validFile>;
const version = (file: File, index = 0) => file.products[0]!.levels[0]!.versions[index]!;

function refusal(change: (file: File & Record<string, unknown>) => void): Extract<ParseResult, { ok: false }> {
  const file = validFile();
  change(file);
  const result = parseGuaranteeTables(file);
  if (result.ok) throw new Error("the file was accepted");
  expect(result).not.toHaveProperty("catalog");
  return result;
}

describe("parseGuaranteeTables", () => {
  it("loads a valid file, resolving renewals onto lines", () => {
    const result = parseGuaranteeTables(JSON.stringify(validFile()));
    if (!result.ok) throw new Error(result.message);
    const table = result.catalog.products[0]!.levels[0]!.versions[0]!;
    expect(table).toMatchObject({ productId: "p", levelLabel: "Base", responsible: true, effectiveFrom: "2025-01-01" });
    expect(table.lines[2]!.renewal).toEqual({
      group: "optique",
      label: "de l'équipement optique",
      years: 2,
      minorYears: 1,
      minorUnderAge: 16,
    });
  });

  it("loads the demo file", () => {
    const result = parseGuaranteeTables(readFileSync("config/guarantees/demo.json", "utf8"));
    expect(result.ok ? "ok" : result.message).toBe("ok");
  });

  it("refuses an unknown category, naming the line", () => {
    const r = refusal((f) => {
      (version(f).lines[1] as { category: string }).category = "naturopathie";
    });
    expect(r.issues).toEqual([
      {
        path: "products[0].levels[0].versions[0].lines[1].category (ligne « osteo »)",
        message: expect.stringContaining("catégorie inconnue « naturopathie »"),
      },
    ]);
  });

  it("refuses two versions starting the same day", () => {
    const r = refusal((f) => {
      f.products[0]!.levels[0]!.versions.push(structuredClone(version(f)));
    });
    expect(r.issues[0]).toMatchObject({
      path: "products[0].levels[0].versions[1].effectiveFrom",
      message: expect.stringContaining("chevauchent"),
    });
  });

  it("refuses a version whose end runs past the next start", () => {
    const r = refusal((f) => {
      const next = { ...structuredClone(version(f)), effectiveFrom: "2026-01-01" };
      Object.assign(version(f), { effectiveTo: "2026-01-01" });
      f.products[0]!.levels[0]!.versions.push(next);
    });
    expect(r.issues[0]!.message).toContain("versions[0]");
  });

  it("accepts consecutive versions (end the day before the next start)", () => {
    const file = validFile();
    const next = { ...structuredClone(version(file)), effectiveFrom: "2026-01-01" };
    Object.assign(version(file), { effectiveTo: "2025-12-31" });
    file.products[0]!.levels[0]!.versions.push(next);
    expect(parseGuaranteeTables(file).ok).toBe(true);
  });

  it("refuses a negative amount", () => {
    const r = refusal((f) => {
      (version(f).lines[2]!.rule as { amountCents: number }).amountCents = -100;
    });
    expect(r.issues).toEqual([
      {
        path: "products[0].levels[0].versions[0].lines[2].rule.amountCents (ligne « monture »)",
        message: "montant négatif interdit (reçu -100)",
      },
    ]);
  });

  it("refuses a negative rate and amounts that are not integer cents", () => {
    const r = refusal((f) => {
      (version(f).lines[0]!.rule as { rateBp: number }).rateBp = -5;
      version(f).forfaits[0]!.limitCents = 99.5;
    });
    expect(r.issues.map((i) => i.message)).toEqual(
      [expect.stringContaining("nombre entier"), "taux négatif interdit (reçu -5)"].sort(),
    );
  });

  it("refuses an unknown rule kind", () => {
    const r = refusal((f) => {
      (version(f).lines[0]!.rule as { kind: string }).kind = "percentOfCharged";
    });
    expect(r.issues[0]).toMatchObject({
      path: "products[0].levels[0].versions[0].lines[0].rule.kind (ligne « gp »)",
      message: expect.stringContaining("type de règle inconnu « percentOfCharged »"),
    });
  });

  it("refuses missing fields", () => {
    const r = refusal((f) => {
      delete (version(f).lines[0]!.rule as { rateBp?: number }).rateBp;
      delete (version(f) as { effectiveFrom?: string }).effectiveFrom;
    });
    expect(r.issues).toEqual(
      expect.arrayContaining([
        {
          path: "products[0].levels[0].versions[0].lines[0].rule.rateBp (ligne « gp »)",
          message: "champ obligatoire manquant",
        },
        { path: "products[0].levels[0].versions[0].effectiveFrom", message: "champ obligatoire manquant" },
      ]),
    );
  });

  it("refuses a rule without kind", () => {
    const r = refusal((f) => {
      delete (version(f).lines[0]!.rule as { kind?: string }).kind;
    });
    expect(r.issues[0]!.message).toBe("type de règle manquant (champ « kind »)");
  });

  it("refuses unknown fields (typos)", () => {
    const r = refusal((f) => {
      Object.assign(version(f).lines[0]!, { waitingPeriode: { months: 3 } });
    });
    expect(r.issues[0]).toMatchObject({
      path: "products[0].levels[0].versions[0].lines[0] (ligne « gp »)",
      message: "champ inconnu : waitingPeriode",
    });
  });

  it("refuses references to undeclared forfaits and renewals", () => {
    const r = refusal((f) => {
      (version(f).lines[1]!.rule as { forfaitId: string }).forfaitId = "medecines";
      (version(f).lines[2] as { renewal?: string }).renewal = "lunettes";
    });
    expect(r.issues.map((i) => i.message)).toEqual([
      expect.stringContaining("forfait inconnu « medecines »"),
      expect.stringContaining("renouvellement inconnu « lunettes »"),
    ]);
  });

  it("refuses duplicate lines and ambiguous practitioner lines", () => {
    const r = refusal((f) => {
      version(f).lines.push({
        id: "gp",
        category: "generaliste",
        practitioner: "optam",
        rule: { kind: "percentOfBaseIncludingAmo", rateBp: 15000 },
      } as never);
    });
    expect(r.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(["identifiant de ligne en double", expect.stringContaining("ambigu")]),
    );
  });

  it("refuses OPTAM distinctions on categories without doctors' fees, and 100 % Santé rules outside baskets", () => {
    const r = refusal((f) => {
      Object.assign(version(f).lines[2]!, { practitioner: "optam" });
      version(f).lines[0]!.rule = { kind: "hundredPercentSante", priceLimitCents: 1000 };
    });
    expect(r.issues).toHaveLength(2);
  });

  it("refuses a responsible contract that leaves a reste à charge on a 100 % Santé basket", () => {
    const r = refusal((f) => {
      version(f).lines.push({
        id: "a",
        category: "optique_100_sante",
        rule: { kind: "eurosPerAct", amountCents: 5000 },
      });
    });
    expect(r.issues[0]!.message).toContain("100 % Santé");
  });

  it("refuses impossible dates and an end before the start", () => {
    const r1 = refusal((f) => {
      version(f).effectiveFrom = "2025-02-30";
    });
    expect(r1.issues[0]!.message).toContain("date invalide");
    const r2 = refusal((f) => {
      Object.assign(version(f), { effectiveTo: "2024-12-31" });
    });
    expect(r2.issues[0]!.message).toBe("fin d'effet antérieure au début d'effet");
  });

  it("refuses broken JSON and an unknown format version", () => {
    const broken = parseGuaranteeTables('{ "formatVersion": 1, ');
    expect(broken.ok ? "" : broken.issues[0]!.message).toMatch(/^JSON invalide/);
    const r = refusal((f) => {
      f.formatVersion = 2;
    });
    expect(r.issues[0]!.path).toBe("formatVersion");
  });

  it("reports every problem at once, in a message an operator can read", () => {
    const r = refusal((f) => {
      (version(f).lines[0] as { category: string }).category = "x";
      (version(f).lines[2]!.rule as { amountCents: number }).amountCents = -1;
    });
    expect(r.issues).toHaveLength(2);
    expect(r.message).toMatch(/^Tableau de garanties refusé \(2 problèmes\) :\n- products\[0\]/);
  });
});
