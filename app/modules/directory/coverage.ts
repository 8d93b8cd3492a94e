// What the member's guarantees pay at a professional: the table's lines for its specialties, and what the
// professional's flags add (100 % Santé without reste à charge, no advance with tiers payant). Pure.
import { describeLineTitle, describeRule } from "../guarantees/describe.ts";
import type { GuaranteeTable } from "../guarantees/model.ts";
import { isSpecialtyCode, specialties, type SpecialtyCode } from "./specialties.ts";

/** The 100 % Santé basket of each specialty that has one, as a member names it. */
const basket100Sante: Partial<Record<SpecialtyCode, { category: string; what: string }>> = {
  opticien: { category: "optique_100_sante", what: "verres et monture" },
  audioprothesiste: { category: "audiologie_classe_1", what: "aides auditives de classe I" },
  dentiste: { category: "dentaire_prothese_100_sante", what: "couronnes et prothèses" },
};

export interface Flags {
  partner: boolean;
  offer100Sante: boolean;
  tiersPayant: boolean;
}

/** Short sentences for one professional ("verres et monture : 100 % Santé sans reste à charge chez ce partenaire"). */
export function coverageNotes(table: GuaranteeTable | null, codes: string[], flags: Flags): string[] {
  const notes: string[] = [];
  for (const code of codes) {
    if (!isSpecialtyCode(code)) continue;
    const basket = basket100Sante[code];
    if (basket && flags.offer100Sante) {
      const covered = table?.lines.some((l) => l.category === basket.category && l.rule.kind === "hundredPercentSante");
      notes.push(
        covered
          ? `${basket.what} : 100 % Santé sans reste à charge ${flags.partner ? "chez ce partenaire" : "ici"}`
          : `${basket.what} : offre 100 % Santé proposée`,
      );
    }
  }
  if (flags.partner) notes.push("tarifs négociés du réseau partenaire");
  if (flags.tiersPayant) notes.push("tiers payant : pas d'avance des frais remboursés");
  return notes;
}

export interface SpecialtyCoverage {
  title: string;
  text: string;
}

/** The table's lines for a specialty, described as "Mes garanties" does. */
export function specialtyCoverage(table: GuaranteeTable | null, code: SpecialtyCode): SpecialtyCoverage[] {
  if (!table) return [];
  const wanted = new Set<string>(specialties[code].categories);
  return table.lines
    .filter((l) => wanted.has(l.category))
    .map((l) => ({ title: describeLineTitle(l), text: describeRule(l, table) }));
}
