// The levels side by side for one household: each level's monthly price, how it adds up person by person, and
// its key guarantees. Pure: the caller gives the tariffs, the guarantee tables and the date.
import { selectLevelTable, type GuaranteeCatalog } from "../guarantees/index.ts";
import { formatRate } from "../shared/format.ts";
import { formatEuros } from "../shared/format.ts";
import { keyGuarantees, type KeyGuarantee } from "./key-guarantees.ts";
import { type Insured, insuredRoleLabels, type TariffCatalog } from "./model.ts";
import { type PricedPerson, priceHousehold } from "./pricing.ts";

export interface LevelQuote {
  level: string;
  label: string;
  monthlyCents: number;
  /** "Adhérent, 42 ans : 43,00 €", "Enfant, 8 ans : offert (3e enfant et suivants)". */
  lines: string[];
  zoneLabel: string;
  responsible: boolean;
  keyGuarantees: KeyGuarantee[];
}

const discountNames = { young: "réduction jeune", couple: "réduction couple" } as const;

export function describePerson(p: PricedPerson, ageWord: string, freeFromRank = 3): string {
  const who = `${insuredRoleLabels[p.role]}, ${p.age} ${p.age > 1 ? "ans" : "an"}${ageWord}`;
  if (p.free) return `${who} : offert (à partir du ${freeFromRank}e enfant)`;
  const discounts = p.discounts.map((d) => `${discountNames[d.kind]} ${formatRate(d.rateBp)}`).join(" et ");
  return discounts
    ? `${who} : ${formatEuros(p.monthlyCents)} (${formatEuros(p.baseCents)} moins ${discounts})`
    : `${who} : ${formatEuros(p.monthlyCents)}`;
}

export function quoteLevels(
  tariffs: TariffCatalog,
  guarantees: GuaranteeCatalog,
  input: { postalCode: string; date: string; people: readonly Insured[] },
): LevelQuote[] {
  return tariffs.map((tariff) => {
    const price = priceHousehold(tariff, input);
    const table = selectLevelTable(guarantees, tariff.level, input.date);
    const ageWord = price.version.ageBasis === "reachedInYear" ? " dans l'année" : "";
    const rank = price.version.family.freeChildFromRank;
    return {
      level: tariff.level,
      label: tariff.label,
      monthlyCents: price.monthlyCents,
      lines: price.people.map((p) => describePerson(p, ageWord, rank)),
      zoneLabel: price.zone.label,
      responsible: table?.responsible ?? false,
      keyGuarantees: table ? keyGuarantees(table) : [],
    };
  });
}
