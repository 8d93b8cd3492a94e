// The care categories a guarantee table can price. The code is stable (stored in table files and in history
// lines); the label is what members read. `domain` groups lines the way printed tables do.
import type { CareType } from "../shared/care-types.ts";

export type CareDomain =
  "soins_courants" | "hospitalisation" | "dentaire" | "optique" | "audiologie" | "medecines_douces" | "autres";

export interface CategoryInfo {
  label: string;
  domain: CareDomain;
  /** The closest existing care type of stored reimbursement lines (app/modules/shared/care-types.ts). */
  careType: CareType | null;
  /** Doctors' fees: the table may price OPTAM and non-OPTAM practitioners differently. */
  optamSensitive?: true;
  /** A regulated "100 % Santé" basket: zero reste à charge within the regulated price limit. */
  basket100Sante?: true;
}

export const categories = {
  generaliste: {
    label: "Consultations et visites – médecin généraliste",
    domain: "soins_courants",
    careType: "medecin",
    optamSensitive: true,
  },
  specialiste: {
    label: "Consultations et visites – médecin spécialiste",
    domain: "soins_courants",
    careType: "medecin",
    optamSensitive: true,
  },
  pharmacie_65: { label: "Médicaments remboursés à 65 %", domain: "soins_courants", careType: "pharmacie" },
  pharmacie_30: { label: "Médicaments remboursés à 30 %", domain: "soins_courants", careType: "pharmacie" },
  pharmacie_15: { label: "Médicaments remboursés à 15 %", domain: "soins_courants", careType: "pharmacie" },
  analyses: { label: "Analyses et examens de laboratoire", domain: "soins_courants", careType: "analyses" },
  // Radiologists are doctors: OPTAM applies to them, and so does the non-OPTAM ceiling of R871-2.
  radiologie: {
    label: "Radiologie, imagerie médicale",
    domain: "soins_courants",
    careType: "radiologie",
    optamSensitive: true,
  },
  auxiliaires_medicaux: {
    label: "Auxiliaires médicaux (infirmiers, kinésithérapeutes, orthophonistes…)",
    domain: "soins_courants",
    careType: "medecin",
  },
  // Sessions the Sécurité sociale reimburses (« Mon soutien psy », art. L162-58 CSS: 12 a year, 60 %): a
  // responsible contract covers their ticket modérateur on every one (R871-2 1°), apart from any forfait.
  psychologue_soutien_psy: {
    label: "Séances chez un psychologue remboursées par la Sécurité sociale (Mon soutien psy)",
    domain: "soins_courants",
    careType: "medecin",
  },
  psychologue: {
    label: "Séances chez un psychologue non remboursées par la Sécurité sociale",
    domain: "soins_courants",
    careType: "medecin",
  },
  // Midwives are not doctors: no OPTAM distinction.
  sage_femme: { label: "Sages-femmes (consultations et actes)", domain: "soins_courants", careType: "medecin" },
  transport: {
    label: "Transport sanitaire (ambulance, VSL, taxi conventionné)",
    domain: "autres",
    careType: "transport",
  },
  dispositifs_medicaux: {
    label: "Appareillage et dispositifs médicaux (orthèses, pansements, matériel médical)",
    domain: "autres",
    careType: "appareillage",
  },

  hospitalisation_frais_sejour: {
    label: "Hospitalisation – frais de séjour",
    domain: "hospitalisation",
    careType: "hospitalisation",
  },
  hospitalisation_honoraires: {
    label: "Hospitalisation – honoraires (chirurgie, anesthésie…)",
    domain: "hospitalisation",
    careType: "hospitalisation",
    optamSensitive: true,
  },
  hospitalisation_forfait_journalier: {
    label: "Forfait journalier hospitalier",
    domain: "hospitalisation",
    careType: "hospitalisation",
  },
  hospitalisation_chambre_particuliere: {
    label: "Chambre particulière (par nuit)",
    domain: "hospitalisation",
    careType: "hospitalisation",
  },

  dentaire_soins: { label: "Soins dentaires", domain: "dentaire", careType: "dentaire" },
  dentaire_prothese_100_sante: {
    label: "Prothèses dentaires – panier 100 % Santé",
    domain: "dentaire",
    careType: "dentaire",
    basket100Sante: true,
  },
  dentaire_prothese_tarif_maitrise: {
    label: "Prothèses dentaires – panier à tarifs maîtrisés",
    domain: "dentaire",
    careType: "dentaire",
  },
  dentaire_prothese_libre: {
    label: "Prothèses dentaires – panier à tarifs libres",
    domain: "dentaire",
    careType: "dentaire",
  },
  dentaire_orthodontie: { label: "Orthodontie", domain: "dentaire", careType: "dentaire" },

  optique_100_sante: {
    label: "Équipement optique 100 % Santé (classe A)",
    domain: "optique",
    careType: "optique",
    basket100Sante: true,
  },
  optique_verres_simples: { label: "Verres simples (classe B, par verre)", domain: "optique", careType: "optique" },
  optique_verres_complexes: { label: "Verres complexes (classe B, par verre)", domain: "optique", careType: "optique" },
  optique_monture: { label: "Monture (classe B)", domain: "optique", careType: "optique" },
  optique_lentilles: { label: "Lentilles de contact", domain: "optique", careType: "optique" },

  audiologie_classe_1: {
    label: "Aide auditive 100 % Santé (classe I, par oreille)",
    domain: "audiologie",
    careType: "audiologie",
    basket100Sante: true,
  },
  audiologie_classe_2: { label: "Aide auditive classe II (par oreille)", domain: "audiologie", careType: "audiologie" },

  osteopathie: { label: "Ostéopathie", domain: "medecines_douces", careType: "osteopathie" },
  chiropractie: { label: "Chiropractie", domain: "medecines_douces", careType: "chiropractie" },
  acupuncture: { label: "Acupuncture", domain: "medecines_douces", careType: null },
  sophrologie: { label: "Sophrologie", domain: "medecines_douces", careType: null },

  cure_thermale: { label: "Cure thermale", domain: "autres", careType: null },
  prevention: { label: "Prévention (vaccins non remboursés, sevrage tabagique…)", domain: "autres", careType: null },
} as const satisfies Record<string, CategoryInfo>;

export type CategoryCode = keyof typeof categories;

export const categoryCodes = Object.keys(categories) as [CategoryCode, ...CategoryCode[]];

export const domainLabels: Record<CareDomain, string> = {
  soins_courants: "Soins courants",
  hospitalisation: "Hospitalisation",
  dentaire: "Dentaire",
  optique: "Optique",
  audiologie: "Audiologie",
  medecines_douces: "Médecines douces",
  autres: "Autres garanties",
};

export function isCategoryCode(code: string): code is CategoryCode {
  return Object.hasOwn(categories, code);
}

export function categoryInfo(code: CategoryCode): CategoryInfo {
  return categories[code];
}

export function categoryLabel(code: string): string {
  return isCategoryCode(code) ? categories[code].label : "Autres soins";
}

/** What a guarantee line is called: its own label, or its category's. */
export function lineLabel(line: { category: CategoryCode; label?: string }): string {
  return line.label ?? categories[line.category].label;
}
