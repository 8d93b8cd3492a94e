// The messagerie's categories and the subjects under each, as configuration data: the defaults below, which an
// administrateur can replace from the back-office (labels, subjects, online services) without touching any page.
// Keys are stored with each thread, so a key, once used, must stay (rename the label, not the key).
import { z } from "zod";

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

const reimbursements = { label: "Mes remboursements", href: "/remboursements" };
const quote = { label: "Estimer ou envoyer un devis", href: "/devis/nouveau" };
const claim = { label: "Demander un remboursement", href: "/demandes/nouvelle" };
const beneficiaries = { label: "Ajout de bénéficiaires", href: "/ma-mutuelle/beneficiaires" };
const bankDetails = { label: "Changement de coordonnées bancaires", href: "/ma-mutuelle/coordonnees-bancaires" };

export const defaultMessageCategories: readonly MessageCategory[] = [
  {
    key: "attestation",
    label: "Attestation",
    subjects: [
      {
        key: "attestation-droits",
        label: "Attestation de droits",
        service: { label: "Attestation de droits", href: "/documents" },
      },
      {
        key: "carte-tiers-payant",
        label: "Carte de tiers payant",
        service: { label: "Carte de tiers payant", href: "/documents" },
      },
      {
        key: "attestation-cotisations",
        label: "Attestation de cotisations (impôts)",
        service: { label: "Attestations de cotisations", href: "/documents#cotisations" },
      },
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
      {
        key: "garanties",
        label: "Ce que couvrent mes garanties",
        service: { label: "Mes garanties", href: "/ma-mutuelle/garanties" },
      },
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
      {
        key: "retrait-beneficiaire",
        label: "Retrait de bénéficiaire",
        service: { label: "Retrait de bénéficiaire", href: "/ma-mutuelle/beneficiaires" },
      },
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
      {
        key: "acces-espace",
        label: "Accès à mon espace adhérent",
        service: { label: "Mon compte", href: "/mon-compte" },
      },
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

/** The categories in service: the defaults below, or the list an administrateur saved (categories.server.ts). */
export type MessageCatalog = readonly MessageCategory[];

/** The categories a member may choose from (not "Message de votre conseiller"). */
export function memberCategories(catalog: MessageCatalog): MessageCategory[] {
  return catalog.filter((c) => !c.advisorOnly);
}

export function advisorCategory(catalog: MessageCatalog): MessageCategory {
  return catalog.find((c) => c.advisorOnly)!;
}

export function findCategory(
  catalog: MessageCatalog,
  key: string | null | undefined,
  who: "member" | "advisor" = "member",
): MessageCategory | undefined {
  const list = who === "member" ? memberCategories(catalog) : catalog;
  return list.find((c) => c.key === key);
}

export function findSubject(
  category: MessageCategory | undefined,
  key: string | null | undefined,
): MessageSubject | undefined {
  return category?.subjects.find((s) => s.key === key);
}

/** Labels for display; a key that left the configuration still shows, as itself. */
export function categoryLabel(catalog: MessageCatalog, key: string): string {
  return catalog.find((c) => c.key === key)?.label ?? key;
}

export function subjectLabel(catalog: MessageCatalog, categoryKey: string, subjectKey: string): string {
  return (
    findSubject(
      catalog.find((c) => c.key === categoryKey),
      subjectKey,
    )?.label ?? subjectKey
  );
}

/** The online service for a category and subject chosen by a member, if there is one. */
export function onlineServiceFor(
  catalog: MessageCatalog,
  categoryKey: string | null | undefined,
  subjectKey: string | null | undefined,
): MessageSubject["service"] | undefined {
  return findSubject(findCategory(catalog, categoryKey), subjectKey)?.service;
}

// Built on first use, not when the module loads: the member's pages import this file for its labels, and a
// schema built at the top would bring the whole of Zod into their browser bundle.
let catalogSchemaBuilt: ReturnType<typeof buildCatalogSchema> | undefined;
function buildCatalogSchema() {
  const key = z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, "une clé s'écrit en minuscules, chiffres et tirets (41 caractères au plus)");
  const label = z
    .string()
    .trim()
    .min(2, "un libellé fait 2 caractères au moins")
    .max(80, "un libellé fait 80 caractères au plus");
  const service = z.object({
    label,
    // Only pages of this site: a category list must never send members elsewhere.
    href: z
      .string()
      .regex(
        /^\/[a-z0-9][a-z0-9/_-]*(#[a-z0-9-]+)?$/,
        "un service en ligne est une page du site (« /documents », « /documents#cotisations »)",
      ),
  });
  return z
    .array(
      z
        .object({
          key,
          label,
          advisorOnly: z.boolean().optional(),
          subjects: z
            .array(z.object({ key, label, service: service.optional() }).strict())
            .min(1, "chaque catégorie a au moins un objet"),
        })
        .strict(),
    )
    .min(2, "il faut au moins une catégorie pour les adhérents et celle des conseillers")
    .superRefine((list, ctx) => {
      const keys = list.map((c) => c.key);
      if (new Set(keys).size !== keys.length)
        ctx.addIssue({ code: "custom", message: "deux catégories ont la même clé" });
      list.forEach((c, i) => {
        const subjectKeys = c.subjects.map((x) => x.key);
        if (new Set(subjectKeys).size !== subjectKeys.length)
          ctx.addIssue({
            code: "custom",
            path: [i, "subjects"],
            message: `deux objets de « ${c.label} » ont la même clé`,
          });
      });
      const advisorOnly = list.filter((c) => c.advisorOnly);
      // Advisor-started threads are filed under "conseiller" (messaging/advisor.server.ts).
      if (advisorOnly.length !== 1 || advisorOnly[0]!.key !== "conseiller") {
        ctx.addIssue({
          code: "custom",
          message: "exactement une catégorie, de clé « conseiller », est réservée aux conseillers (advisorOnly)",
        });
      }
    });
}

export type CatalogCheck = { ok: true; catalog: MessageCatalog } | { ok: false; issues: string[] };

/** A category list typed by an administrateur (JSON), checked with a French message per problem. */
export function parseMessageCategories(json: string): CatalogCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, issues: [`JSON invalide : ${(error as Error).message}`] };
  }
  const parsed = (catalogSchemaBuilt ??= buildCatalogSchema()).safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join(".")} : ` : ""}${i.message}`),
    };
  return { ok: true, catalog: parsed.data };
}
