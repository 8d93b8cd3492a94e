// A few guarantees that tell the levels apart, said as "Mes garanties" says them (guarantees/describe.ts). Pure.
import { describeRule } from "../guarantees/describe.ts";
import { type CategoryCode, lineLabel } from "../guarantees/index.ts";
import type { GuaranteeTable } from "../guarantees/model.ts";

/** The lines shown on each level's card, in this order (the OPTAM line where doctors are concerned). */
const keyLines: { category: CategoryCode; title: string }[] = [
  { category: "generaliste", title: "Consultation chez un médecin généraliste OPTAM" },
  { category: "specialiste", title: "Consultation chez un spécialiste OPTAM" },
  { category: "hospitalisation_chambre_particuliere", title: "Chambre particulière à l'hôpital" },
  { category: "optique_monture", title: "Lunettes : monture" },
  { category: "optique_verres_complexes", title: "Lunettes : verres complexes" },
  { category: "dentaire_prothese_libre", title: "Prothèses dentaires à tarifs libres" },
  { category: "audiologie_classe_2", title: "Aide auditive hors 100 % Santé" },
  { category: "osteopathie", title: "Ostéopathie" },
];

export interface KeyGuarantee {
  title: string;
  rule: string;
}

export function keyGuarantees(table: GuaranteeTable): KeyGuarantee[] {
  return keyLines.map(({ category, title }) => {
    const lines = table.lines.filter((l) => l.category === category);
    const line = lines.find((l) => l.practitioner === "optam") ?? lines.find((l) => !l.practitioner) ?? lines[0];
    return {
      title: title || (line ? lineLabel(line) : category),
      rule: line ? describeRule(line, table) : "Non couvert",
    };
  });
}
