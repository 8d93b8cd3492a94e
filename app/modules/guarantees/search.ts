// Finding a line the way members ask: "lunettes", "ostéopathe", "dentiste". Accents and case are ignored;
// every word typed must match the line's label, its domain or one of the everyday words below.
import { categories, domainLabels } from "./categories.ts";
import type { GuaranteeLine } from "./model.ts";

const everydayWords: Partial<Record<string, string>> = {
  optique: "lunettes verres monture lentilles yeux vue opticien ophtalmo",
  dentaire: "dentiste dents couronne prothese implant carie orthodontiste appareil",
  audiologie: "audition appareil auditif oreille audioprothesiste sourd",
  hospitalisation: "hopital clinique operation chirurgie sejour chambre",
  medecines_douces: "osteopathe osteo chiropracteur chiro acupuncteur sophrologue naturopathe",
  soins_courants:
    "medecin docteur consultation generaliste specialiste pharmacie medicaments ordonnance kine kinesitherapeute infirmier prise de sang laboratoire radio psy psychologue sage-femme sage femme grossesse",
  autres: "ambulance transport vsl taxi orthese attelle semelles pansement materiel medical fauteuil cure vaccin",
};

export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

export function searchableText(line: GuaranteeLine): string {
  const category = categories[line.category];
  return normalize(
    [line.label ?? "", category.label, domainLabels[category.domain], everydayWords[category.domain] ?? ""].join(" "),
  );
}

export function matchesQuery(line: GuaranteeLine, query: string): boolean {
  const words = normalize(query)
    .split(/[^a-z0-9%]+/)
    .filter((w) => w.length >= 2);
  if (words.length === 0) return true;
  const text = searchableText(line);
  // Prefixes, so that "lunette" finds "lunettes" and "osteo" finds "ostéopathie".
  return words.every((w) => text.includes(w.slice(0, Math.max(3, w.length - 1))));
}
