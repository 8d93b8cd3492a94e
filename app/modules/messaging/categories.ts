// The messagerie's categories and the subjects under each, as configuration data: a mutuelle edits this
// list (labels, subjects, online services) without touching any page. Keys are stored with each thread,
// so a key, once used, must stay (rename the label, not the key).
export interface MessageSubject {
  key: string;
  label: string;
  /** The online service that does this démarche directly: the member is told before writing. */
  service?: { label: string; href: string };
}

export interface MessageCategory {
  key: string;
  label: string;
  /** Only an advisor starts threads in this category ("Message de votre conseiller"). */
  advisorOnly?: boolean;
  subjects: readonly MessageSubject[];
}

const documents = { label: "Mes documents", href: "/documents" };
const reimbursements = { label: "Mes remboursements", href: "/remboursements" };
const quote = { label: "Estimer ou envoyer un devis", href: "/devis/nouveau" };
const claim = { label: "Demander un remboursement", href: "/demandes/nouvelle" };
const beneficiaries = { label: "Ajout de bénéficiaires", href: "/ma-mutuelle/beneficiaires" };
const bankDetails = { label: "Changement de coordonnées bancaires", href: "/ma-mutuelle/coordonnees-bancaires" };

export const messageCategories: readonly MessageCategory[] = [
  {
    key: "attestation",
    label: "Attestation",
    subjects: [
      { key: "attestation-droits", label: "Attestation de droits", service: { label: "Attestation de droits", href: "/documents" } },
      { key: "carte-tiers-payant", label: "Carte de tiers payant", service: { label: "Carte de tiers payant", href: "/documents" } },
      { key: "attestation-cotisations", label: "Attestation de cotisations (impôts)", service: documents },
      { key: "autre-attestation", label: "Autre attestation" },
    ],
  },
  {
    key: "information-soins",
    label: "Information soins",
    subjects: [
      { key: "question-remboursement", label: "Question sur un remboursement", service: reimbursements },
      { key: "remboursement-non-recu", label: "Remboursement non reçu", service: reimbursements },
      { key: "devis", label: "Devis dentaire, optique ou auditif", service: quote },
      { key: "garanties", label: "Ce que couvrent mes garanties", service: { label: "Mes garanties", href: "/ma-mutuelle/garanties" } },
      { key: "autre-soins", label: "Autre question sur les soins" },
    ],
  },
  {
    key: "accident",
    label: "Accident",
    subjects: [
      { key: "declarer-accident", label: "Déclarer un accident" },
      { key: "suivi-accident", label: "Suivi d'un accident déclaré" },
    ],
  },
  {
    key: "prise-en-charge",
    label: "Prise en charge",
    subjects: [
      { key: "hospitalisation", label: "Prise en charge hospitalière" },
      { key: "optique-dentaire", label: "Prise en charge optique ou dentaire", service: quote },
      { key: "suivi-prise-en-charge", label: "Suivi d'une demande de prise en charge" },
    ],
  },
  {
    key: "modification-contrat",
    label: "Modification de contrat",
    subjects: [
      { key: "ajout-beneficiaires", label: "Ajout de bénéficiaires", service: beneficiaries },
      { key: "retrait-beneficiaire", label: "Retrait de bénéficiaire", service: { label: "Retrait de bénéficiaire", href: "/ma-mutuelle/beneficiaires" } },
      { key: "niveau-garantie", label: "Changement de niveau de garantie" },
      { key: "coordonnees-bancaires", label: "Changement de coordonnées bancaires", service: bankDetails },
      { key: "changement-adresse", label: "Changement d'adresse ou de téléphone" },
      { key: "resiliation", label: "Résiliation" },
    ],
  },
  {
    key: "cotisations",
    label: "Cotisations",
    subjects: [
      { key: "montant-cotisation", label: "Montant de ma cotisation" },
      { key: "echeancier", label: "Échéancier de cotisations", service: { label: "Échéancier", href: "/documents" } },
      { key: "prelevement", label: "Prélèvement des cotisations" },
    ],
  },
  {
    key: "etranger",
    label: "Information contrat à l'étranger",
    subjects: [
      { key: "depart-etranger", label: "Départ ou séjour à l'étranger" },
      { key: "soins-etranger", label: "Remboursement de soins à l'étranger", service: claim },
    ],
  },
  {
    key: "donnees-site",
    label: "Données et site internet",
    subjects: [
      { key: "acces-espace", label: "Accès à mon espace adhérent", service: { label: "Mon compte", href: "/mon-compte" } },
      { key: "donnees-personnelles", label: "Mes données personnelles" },
      { key: "probleme-site", label: "Signaler un problème sur le site" },
    ],
  },
  {
    key: "conseiller",
    label: "Message de votre conseiller",
    advisorOnly: true,
    subjects: [
      { key: "information", label: "Information" },
      { key: "piece-demandee", label: "Document à nous transmettre" },
      { key: "suivi-dossier", label: "Suivi de votre dossier" },
    ],
  },
];

/** The categories a member may choose from (not "Message de votre conseiller"). */
export const memberCategories = messageCategories.filter((c) => !c.advisorOnly);

export const advisorCategory = messageCategories.find((c) => c.advisorOnly)!;

export function findCategory(key: string | null | undefined, who: "member" | "advisor" = "member"): MessageCategory | undefined {
  const list = who === "member" ? memberCategories : messageCategories;
  return list.find((c) => c.key === key);
}

export function findSubject(category: MessageCategory | undefined, key: string | null | undefined): MessageSubject | undefined {
  return category?.subjects.find((s) => s.key === key);
}

/** Labels for display; a key that left the configuration still shows, as itself. */
export function categoryLabel(key: string): string {
  return messageCategories.find((c) => c.key === key)?.label ?? key;
}

export function subjectLabel(categoryKey: string, subjectKey: string): string {
  return findSubject(messageCategories.find((c) => c.key === categoryKey), subjectKey)?.label ?? subjectKey;
}

/** The online service for a category and subject chosen by a member, if there is one. */
export function onlineServiceFor(categoryKey: string | null | undefined, subjectKey: string | null | undefined): MessageSubject["service"] | undefined {
  return findSubject(findCategory(categoryKey), subjectKey)?.service;
}
