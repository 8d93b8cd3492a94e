// The help centre's themes and the member pages that show a "Besoin d'aide ?" box. Pure configuration.

export const helpThemes = [
  { key: "remboursements", label: "Remboursements", intro: "Suivre, comprendre et demander un remboursement." },
  { key: "carte", label: "Carte de tiers payant et attestations", intro: "Obtenir et utiliser vos justificatifs." },
  { key: "devis", label: "Devis et prises en charge", intro: "Dentaire, optique, audition, hospitalisation." },
  {
    key: "contrat",
    label: "Contrat, bénéficiaires et RIB",
    intro: "Vos proches couverts et vos coordonnées bancaires.",
  },
  { key: "compte", label: "Mon compte et connexion", intro: "Se connecter, protéger et mettre à jour son compte." },
  { key: "messagerie", label: "Messagerie", intro: "Écrire à votre mutuelle et suivre ses réponses." },
] as const;

export type HelpThemeKey = (typeof helpThemes)[number]["key"];
export const helpThemeKeys = helpThemes.map((t) => t.key) as [HelpThemeKey, ...HelpThemeKey[]];

export function themeLabel(key: string): string {
  return helpThemes.find((t) => t.key === key)?.label ?? key;
}

/**
 * Member pages with a "Besoin d'aide ?" box: the key stored with each article, and the page it names (the
 * back-office's page picker). Each key is rendered by exactly one route (themes.test.ts reads app/routes).
 */
export const helpPages = [
  { key: "accueil", label: "Accueil (/)" },
  { key: "remboursements", label: "Mes remboursements (/remboursements)" },
  { key: "remboursement-detail", label: "Détail d'un remboursement (/remboursements/…)" },
  { key: "remboursements-synthese", label: "Synthèse annuelle des remboursements (/remboursements/synthese)" },
  { key: "demande-nouvelle", label: "Demander un remboursement (/demandes/nouvelle)" },
  { key: "demandes", label: "Mes démarches (/demandes)" },
  { key: "demande-detail", label: "Détail d'une démarche (/demandes/…)" },
  { key: "devis", label: "Envoyer un devis (/devis/nouveau)" },
  { key: "professionnels", label: "Trouver un professionnel de santé (/professionnels)" },
  { key: "carte", label: "Carte de tiers payant (/documents/carte-tiers-payant)" },
  { key: "attestation", label: "Attestation de droits (/documents/attestation-de-droits)" },
  { key: "documents", label: "Mes documents (/documents)" },
  { key: "ma-mutuelle", label: "Ma mutuelle (/ma-mutuelle)" },
  { key: "resiliation", label: "Résilier mon contrat (/ma-mutuelle/resiliation)" },
  { key: "echeancier", label: "Échéancier de cotisations (/documents/echeancier/…)" },
  { key: "garanties", label: "Mes garanties (/ma-mutuelle/garanties)" },
  { key: "coordonnees-bancaires", label: "Coordonnées bancaires (/ma-mutuelle/coordonnees-bancaires)" },
  { key: "beneficiaires", label: "Bénéficiaires (/ma-mutuelle/beneficiaires)" },
  { key: "offre", label: "Mon offre et les autres niveaux (/offre)" },
  { key: "changer-de-niveau", label: "Changer de niveau (/offre/changer-de-niveau)" },
  { key: "messagerie", label: "Messagerie (/messagerie)" },
  { key: "messagerie-nouveau", label: "Écrire un message (/messagerie/nouveau)" },
  { key: "messagerie-fil", label: "Un message de la messagerie (/messagerie/…)" },
  { key: "mon-compte", label: "Mon compte (/mon-compte)" },
] as const;

export type HelpPageKey = (typeof helpPages)[number]["key"];
export const helpPageKeys = helpPages.map((p) => p.key) as [HelpPageKey, ...HelpPageKey[]];
