// "Adhérer en ligne": its steps, their labels, and the constants the pages show. Pure and without Zod: the
// pages (the journey, the dashboard, /offre) import this for labels, and must not bring Zod into their browser
// bundles (the schemas are in journey-form.ts and adhesion-rules.ts, built when a form is read).

/** How long an e-mailed resume link works (it also works only once). */
export const resumeLinkDays = 7;

export const journeySteps = [
  "identite",
  "adresse",
  "beneficiaires",
  "niveau",
  "attestation",
  "banque",
  "mandat",
  "consentements",
  "signature",
  "envoyee",
] as const;
export type JourneyStep = (typeof journeySteps)[number];
export const journeyStepLabels: Record<JourneyStep, string> = {
  identite: "Vous",
  adresse: "Adresse et date de début",
  beneficiaires: "Les personnes à couvrir",
  niveau: "Niveau de garanties",
  attestation: "Attestation de droits",
  banque: "Coordonnées bancaires",
  mandat: "Mandat de prélèvement SEPA",
  consentements: "Informations et consentements",
  signature: "Récapitulatif et signature",
  envoyee: "Adhésion signée",
};

/** The step after `step` (the last one stays). */
export function nextStep(step: JourneyStep): JourneyStep {
  return journeySteps[Math.min(journeySteps.indexOf(step) + 1, journeySteps.length - 1)]!;
}

/**
 * A first or last name: letters (accents included), spaces, apostrophes and hyphens, starting with a letter.
 * Names are written into e-mails ("Bonjour Camille"): nothing else gets through, so no link or markup can be
 * mailed through a journey.
 */
export const personName = /^\p{L}[\p{L}\p{M} '’-]*$/u;
