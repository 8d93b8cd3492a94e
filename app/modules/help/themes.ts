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

/** Member pages with a "Besoin d'aide ?" box: the key stored with each article, and the page it names. */
export const helpPages = [
  { key: "remboursements", label: "Mes remboursements (/remboursements)" },
  { key: "demande-nouvelle", label: "Demander un remboursement (/demandes/nouvelle)" },
  { key: "demandes", label: "Mes démarches (/demandes)" },
  { key: "devis", label: "Envoyer un devis (/devis/nouveau)" },
  { key: "carte", label: "Carte de tiers payant (/documents/carte-tiers-payant)" },
  { key: "documents", label: "Mes documents (/documents)" },
  { key: "coordonnees-bancaires", label: "Coordonnées bancaires (/ma-mutuelle/coordonnees-bancaires)" },
  { key: "beneficiaires", label: "Bénéficiaires (/ma-mutuelle/beneficiaires)" },
  { key: "messagerie", label: "Messagerie (/messagerie)" },
  { key: "mon-compte", label: "Mon compte (/mon-compte)" },
] as const;

export type HelpPageKey = (typeof helpPages)[number]["key"];
export const helpPageKeys = helpPages.map((p) => p.key) as [HelpPageKey, ...HelpPageKey[]];
