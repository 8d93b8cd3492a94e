// The specialties the directory knows: a stable code (CSV files, URLs), the label members read, and the lines
// of the guarantee table that price care there (what "ce que vos garanties paient ici" shows). Pure.
import type { CategoryCode } from "../guarantees/categories.ts";

export interface Specialty {
  label: string;
  /** Plural, for the search's heading ("Opticiens près de…"). */
  plural: string;
  categories: CategoryCode[];
}

export const specialties = {
  opticien: {
    label: "Opticien",
    plural: "Opticiens",
    categories: [
      "optique_100_sante",
      "optique_verres_simples",
      "optique_verres_complexes",
      "optique_monture",
      "optique_lentilles",
    ],
  },
  audioprothesiste: {
    label: "Audioprothésiste",
    plural: "Audioprothésistes",
    categories: ["audiologie_classe_1", "audiologie_classe_2"],
  },
  dentiste: {
    label: "Chirurgien-dentiste",
    plural: "Chirurgiens-dentistes",
    categories: [
      "dentaire_soins",
      "dentaire_prothese_100_sante",
      "dentaire_prothese_tarif_maitrise",
      "dentaire_prothese_libre",
      "dentaire_orthodontie",
    ],
  },
  osteopathe: { label: "Ostéopathe", plural: "Ostéopathes", categories: ["osteopathie"] },
  chiropracteur: { label: "Chiropracteur", plural: "Chiropracteurs", categories: ["chiropractie"] },
  psychologue: {
    label: "Psychologue",
    plural: "Psychologues",
    categories: ["psychologue_soutien_psy", "psychologue"],
  },
  generaliste: { label: "Médecin généraliste", plural: "Médecins généralistes", categories: ["generaliste"] },
  kinesitherapeute: {
    label: "Masseur-kinésithérapeute",
    plural: "Masseurs-kinésithérapeutes",
    categories: ["auxiliaires_medicaux"],
  },
  pharmacie: { label: "Pharmacie", plural: "Pharmacies", categories: ["pharmacie_65", "pharmacie_30", "pharmacie_15"] },
  laboratoire: { label: "Laboratoire d'analyses", plural: "Laboratoires d'analyses", categories: ["analyses"] },
  radiologie: { label: "Centre de radiologie", plural: "Centres de radiologie", categories: ["radiologie"] },
  hopital: {
    label: "Hôpital ou clinique",
    plural: "Hôpitaux et cliniques",
    categories: ["hospitalisation_frais_sejour", "hospitalisation_honoraires", "hospitalisation_chambre_particuliere"],
  },
} as const satisfies Record<string, Specialty>;

export type SpecialtyCode = keyof typeof specialties;
export const specialtyCodes = Object.keys(specialties) as SpecialtyCode[];

export function isSpecialtyCode(code: string): code is SpecialtyCode {
  return Object.hasOwn(specialties, code);
}

/** Establishments are identified by FINESS, practitioners by RPPS (11 digits) or ADELI (9 characters). */
export const identifierKinds = ["rpps", "adeli", "finess"] as const;
export type IdentifierKind = (typeof identifierKinds)[number];
