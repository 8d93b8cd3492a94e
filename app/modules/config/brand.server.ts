// The mutuelle's identity and contact details: white-label data, loaded from a JSON file (BRAND_CONFIG),
// with a neutral demo brand by default. Everything here is public and may be sent to the browser.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { isValidInterval, weekdays } from "../directory/opening-hours.ts";

const color = z.string().regex(/^#[0-9a-f]{6}$/i, "couleur au format #rrggbb");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date AAAA-MM-JJ");

// The legal bases of article 6 of the GDPR, as the privacy notice names them.
export const legalBases = [
  "exécution du contrat",
  "obligation légale",
  "intérêt légitime",
  "consentement",
  "sauvegarde des intérêts vitaux",
] as const;

/** The kinds of data whose retention the notice and "Mes données personnelles" explain (docs/personal-data.md). */
export const retainedKinds = [
  "contrat",
  "remboursements",
  "demarches",
  "documents",
  "messagerie",
  "connexions",
  "acces-conseillers",
  "coordonnees-bancaires",
  "export",
] as const;

export const brandSchema = z.object({
  name: z.string().min(1),
  shortName: z.string().min(1),
  tagline: z.string().default(""),
  logo: z.string().startsWith("/"),
  colors: z.object({ primary: color, primaryDark: color, accent: color, surface: color }),
  phones: z
    .array(z.object({ label: z.string(), number: z.string(), hours: z.string(), note: z.string().optional() }))
    .min(1),
  agencies: z.array(
    z.object({
      name: z.string(),
      address: z.array(z.string()).min(1),
      postcode: z.string().regex(/^\d{5}$/),
      city: z.string(),
      hours: z.array(z.object({ days: z.string(), hours: z.string() })),
      // Where the agency is (for "l'agence la plus proche") and its weekly hours in Paris time ("09:00-12:30"),
      // from which the page says whether it is open now. Both optional: an agency without them is still listed.
      latitude: z.number().min(-90).max(90).optional(),
      longitude: z.number().min(-180).max(180).optional(),
      openingHours: z
        .partialRecord(
          z.enum(weekdays),
          z.array(z.string().refine(isValidInterval, "horaire au format HH:MM-HH:MM (ex. 09:00-12:30)")),
        )
        .optional(),
    }),
  ),
  offers: z.array(
    z.object({
      title: z.string(),
      text: z.string(),
      /** A longer text, on the offers section of /actualites (the dashboard's link leads there without href). */
      details: z.string().optional(),
      linkLabel: z.string(),
      href: z.string().optional(),
    }),
  ),
  // The dashboard's "Installer l'application" block: its text, and store links only if the mutuelle has apps.
  mobileApp: z
    .object({ text: z.string().optional(), appStoreUrl: z.url().optional(), playStoreUrl: z.url().optional() })
    .optional(),
  legal: z.object({ publisher: z.string() }),
  // Mentions légales (loi 2004-575 pour la confiance dans l'économie numérique, art. 6 III): who publishes and
  // who hosts the space. Shown at /mentions-legales, linked from every footer.
  legalNotice: z.object({
    publisher: z.object({
      name: z.string().min(1),
      legalForm: z.string().min(1),
      registration: z.string().min(1),
      address: z.string().min(1),
      phone: z.string().min(1),
      email: z.email(),
    }),
    publicationDirector: z.string().min(1),
    supervisor: z.string().min(1),
    host: z.object({ name: z.string().min(1), address: z.string().min(1), phone: z.string().optional() }),
  }),
  // The privacy notice (RGPD art. 13 and 14): shown at /confidentialite, and its retention periods explained
  // again in "Mes données personnelles". The rights and the CNIL complaint are the law's, written in the page.
  privacy: z.object({
    updatedOn: isoDate,
    dpo: z.object({ email: z.email(), address: z.string().min(1) }),
    purposes: z
      .array(z.object({ purpose: z.string().min(1), legalBasis: z.enum(legalBases), detail: z.string().optional() }))
      .min(1),
    retention: z
      .array(z.object({ kind: z.enum(retainedKinds), data: z.string().min(1), duration: z.string().min(1) }))
      .min(1),
    recipients: z.array(z.string().min(1)).min(1),
    transfers: z.string().min(1),
  }),
  // The accessibility statement (RGAA 4.1; loi 2005-102 art. 47, décret 2019-768): shown at /accessibilite and
  // named in every footer. Without an audit the law's word is "non conforme".
  accessibility: z
    .object({
      status: z.enum(["totalement conforme", "partiellement conforme", "non conforme"]),
      statementDate: isoDate.optional(),
      audit: z
        .object({
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date AAAA-MM-JJ"),
          by: z.string().min(1),
          conformityRate: z.number().min(0).max(100),
        })
        .optional(),
      nonConformities: z.array(z.string().min(1)).default([]),
      derogations: z.array(z.string().min(1)).default([]),
      contact: z.object({ email: z.email().optional(), address: z.string().optional() }).default({}),
    })
    .default({ status: "non conforme", nonConformities: [], derogations: [], contact: {} }),
  // The day ("MM-JJ") from which next year's tiers payant card is offered (mid-December by default).
  tiersPayantCard: z
    .object({ nextYearFrom: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "date au format MM-JJ") })
    .default({ nextYearFrom: "12-15" }),
  // What the tiers payant card and the premium schedule carry (fictitious numbers in the demo).
  amc: z.object({
    number: z.string().regex(/^\d{8,10}$/, "numéro AMC de 8 à 10 chiffres"),
    conventionType: z.string().min(1).max(12),
    routingCriterion: z.string().max(12),
    responsible: z.boolean(),
    tiersPayantDomains: z
      .array(z.object({ code: z.string().regex(/^[A-Z]{3,5}$/), label: z.string() }))
      .refine((d) => d.some((x) => x.code === "PHAR"), "le domaine PHAR (pharmacie) est obligatoire"),
    // The SEPA creditor identifier (ICS) is not here: one value, SEPA_CREDITOR_ID, checked at start, names the
    // creditor on the mandates and on every échéancier (an older brand file's "sepaCreditorId" is ignored).
    debitDay: z.number().int().min(1).max(28),
  }),
});

export type Brand = z.infer<typeof brandSchema>;

export const defaultBrandPath = "config/mutuelle.demo.json";

export function loadBrand(path = defaultBrandPath): Brand {
  const file = resolve(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`BRAND_CONFIG: impossible de lire ${file} (${(error as Error).message})`, { cause: error });
  }
  const parsed = brandSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`BRAND_CONFIG: ${file} est invalide :\n${lines.join("\n")}`);
  }
  return parsed.data;
}
