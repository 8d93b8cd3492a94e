// The mutuelle's identity and contact details: white-label data, loaded from a JSON file (BRAND_CONFIG),
// with a neutral demo brand by default. Everything here is public and may be sent to the browser.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

const color = z.string().regex(/^#[0-9a-f]{6}$/i, "couleur au format #rrggbb");

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
  mobileApp: z.object({ text: z.string(), appStoreUrl: z.url(), playStoreUrl: z.url() }).optional(),
  legal: z.object({ publisher: z.string() }),
  // The accessibility statement (RGAA 4.1; loi 2005-102 art. 47, décret 2019-768): shown at /accessibilite and
  // named in every footer. Without an audit the law's word is "non conforme".
  accessibility: z
    .object({
      status: z.enum(["totalement conforme", "partiellement conforme", "non conforme"]),
      statementDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "date AAAA-MM-JJ")
        .optional(),
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
    sepaCreditorId: z.string().min(8).max(35),
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
    throw new Error(`BRAND_CONFIG: impossible de lire ${file} (${(error as Error).message})`);
  }
  const parsed = brandSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`BRAND_CONFIG: ${file} est invalide :\n${lines.join("\n")}`);
  }
  return parsed.data;
}
