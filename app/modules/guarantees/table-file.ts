// The guarantee table file (config/guarantees/*.json, format in docs/guarantee-tables.md): validated whole,
// with zod then cross-checks; any problem refuses the whole file, each problem with its location.
import { z } from "zod";
import { categories, categoryCodes, type CategoryCode } from "./categories.ts";
import { isIsoDate } from "../clock/calendar.ts";
import type { GuaranteeCatalog, GuaranteeLine, GuaranteeTable, RenewalRule } from "./model.ts";
import { ruleKinds } from "./model.ts";
import { amoReimbursed, lineFor, ticketModerateurShortfall } from "./ticket-moderateur.ts";
import { findOverlaps } from "./versions.ts";

const cents = z.number().int().min(0);
const basisPoints = z.number().int().min(0).max(100_000); // up to 1000 % BR
const count = z.number().int().min(1);
const id = z.string().min(1).max(80);
const isoDate = z.string().refine(isIsoDate, { error: "date invalide (format AAAA-MM-JJ attendu)" });
const period = z.enum(["calendarYear", "membershipYear"]).optional();

const ruleSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("percentOfBaseIncludingAmo"), rateBp: basisPoints }),
  z.strictObject({ kind: z.literal("percentOfBaseExcludingAmo"), rateBp: basisPoints }),
  z.strictObject({ kind: z.literal("ticketModerateurPlusEuros"), amountCents: cents }),
  z.strictObject({ kind: z.literal("eurosPerAct"), amountCents: cents }),
  z.strictObject({ kind: z.literal("eurosPerSession"), amountCents: cents, sessionsPerYear: count, period }),
  z.strictObject({ kind: z.literal("annualForfait"), forfaitId: id, perSessionCapCents: cents.optional() }),
  z.strictObject({ kind: z.literal("perDay"), amountPerDayCents: cents, maxDaysPerYear: count.optional(), period }),
  // priceLimitCents: the indicative price of the 100 % Santé alternative shown on quotes, never a pricing limit.
  z.strictObject({ kind: z.literal("hundredPercentSante"), priceLimitCents: cents.optional() }),
]);

const lineSchema = z.strictObject({
  id,
  category: z.enum(categoryCodes),
  label: z.string().min(1).optional(),
  practitioner: z.enum(["optam", "nonOptam"]).optional(),
  rule: ruleSchema,
  waitingPeriod: z
    .strictObject({ months: z.number().int().min(0).optional(), days: z.number().int().min(0).optional() })
    .optional(),
  renewal: id.optional(),
});

const versionSchema = z.strictObject({
  effectiveFrom: isoDate,
  effectiveTo: isoDate.optional(),
  note: z.string().optional(),
  forfaits: z
    .array(z.strictObject({ id, label: z.string().min(1), limitCents: cents, maxSessions: count.optional(), period }))
    .default([]),
  renewals: z
    .array(
      z.strictObject({
        id,
        label: z.string().min(1),
        years: count,
        minorYears: count.optional(),
        minorUnderAge: count.optional(),
      }),
    )
    .default([]),
  lines: z.array(lineSchema).min(1),
});

const fileSchema = z.strictObject({
  formatVersion: z.literal(1),
  description: z.string().optional(),
  products: z
    .array(
      z.strictObject({
        id,
        label: z.string().min(1),
        responsible: z.boolean(),
        levels: z
          .array(z.strictObject({ id, label: z.string().min(1), versions: z.array(versionSchema).min(1) }))
          .min(1),
      }),
    )
    .min(1),
});

type TableFile = z.infer<typeof fileSchema>;

export interface TableIssue {
  /** Where, e.g. "products[0].levels[2].versions[0].lines[5].rule.kind (ligne « chiro »)". */
  path: string;
  message: string;
}

export type ParseResult =
  { ok: true; catalog: GuaranteeCatalog } | { ok: false; issues: TableIssue[]; message: string };

export class GuaranteeTableError extends Error {
  readonly issues: TableIssue[];
  constructor(message: string, issues: TableIssue[]) {
    super(message);
    this.name = "GuaranteeTableError";
    this.issues = issues;
  }
}

function describe(value: unknown): string {
  return value === null
    ? "null"
    : Array.isArray(value)
      ? "une liste"
      : typeof value === "string"
        ? `« ${value} »`
        : String(value);
}

/** French messages for zod issues; the location is added from the issue's path. */
function frenchMessage(iss: z.core.$ZodRawIssue): string {
  const last = iss.path?.at(-1);
  const missing = iss.input === undefined;
  switch (iss.code) {
    case "invalid_type":
      return missing
        ? "champ obligatoire manquant"
        : `type invalide : ${iss.expected === "int" ? "nombre entier" : iss.expected} attendu, reçu ${describe(iss.input)}`;
    case "too_small": {
      if (iss.origin === "array") return "la liste ne peut pas être vide";
      if (iss.origin === "string") return "le texte ne peut pas être vide";
      const what = String(last).endsWith("Cents")
        ? "montant négatif"
        : String(last).endsWith("Bp")
          ? "taux négatif"
          : "valeur trop petite";
      return Number(iss.minimum) === 0
        ? `${what} interdit (reçu ${describe(iss.input)})`
        : `valeur trop petite (minimum ${iss.minimum}, reçu ${describe(iss.input)})`;
    }
    case "too_big":
      return `valeur trop grande (maximum ${iss.maximum}, reçu ${describe(iss.input)})`;
    case "invalid_value":
      if (missing) return "champ obligatoire manquant";
      if (last === "category")
        return `catégorie inconnue ${describe(iss.input)} (liste des catégories : docs/guarantee-tables.md)`;
      return `valeur inconnue ${describe(iss.input)} (valeurs possibles : ${iss.values.map(String).join(", ")})`;
    case "invalid_union": {
      const kind = (iss.input as { kind?: unknown } | undefined)?.kind;
      if (kind === undefined) return "type de règle manquant (champ « kind »)";
      return `type de règle inconnu ${describe(kind)} (types connus : ${ruleKinds.join(", ")})`;
    }
    case "unrecognized_keys":
      return `champ inconnu : ${iss.keys.join(", ")}`;
    default:
      return iss.message ?? "valeur invalide";
  }
}

/** "products[0].levels[1].lines[3].rule" plus the line's id, read from the raw input, when there is one. */
function formatPath(path: readonly PropertyKey[], raw: unknown): string {
  let text = "";
  let node: unknown = raw;
  let lineId: string | undefined;
  for (const [index, key] of path.entries()) {
    text += typeof key === "number" ? `[${key}]` : `${text ? "." : ""}${String(key)}`;
    const parent = node;
    node = node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === "number" && path[index - 1] === "lines" && Array.isArray(parent)) {
      const candidate = (node as { id?: unknown } | undefined)?.id;
      if (typeof candidate === "string") lineId = candidate;
    }
  }
  return `${text || "(fichier)"}${lineId ? ` (ligne « ${lineId} »)` : ""}`;
}

function duplicates<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  return items.flatMap((item, index) => (seen.has(key(item)) ? [index] : (seen.add(key(item)), [])));
}

/** What zod cannot see: references, duplicates, overlapping versions, rules that make no sense for a category. */
function crossCheck(file: TableFile): TableIssue[] {
  const issues: TableIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  for (const index of duplicates(file.products, (p) => p.id))
    add(`products[${index}].id`, "identifiant de produit en double");
  file.products.forEach((product, p) => {
    for (const index of duplicates(product.levels, (l) => l.id))
      add(`products[${p}].levels[${index}].id`, "identifiant de niveau en double");
    product.levels.forEach((level, l) => {
      const at = `products[${p}].levels[${l}]`;
      for (const { earlier, later } of findOverlaps(level.versions)) {
        add(
          `${at}.versions[${later}].effectiveFrom`,
          `périodes d'effet qui se chevauchent avec versions[${earlier}] du niveau « ${level.label} »`,
        );
      }
      level.versions.forEach((version, v) => {
        const vat = `${at}.versions[${v}]`;
        if (version.effectiveTo !== undefined && version.effectiveTo < version.effectiveFrom)
          add(`${vat}.effectiveTo`, "fin d'effet antérieure au début d'effet");
        for (const index of duplicates(version.forfaits, (f) => f.id))
          add(`${vat}.forfaits[${index}].id`, "identifiant de forfait en double");
        for (const index of duplicates(version.renewals, (r) => r.id))
          add(`${vat}.renewals[${index}].id`, "identifiant de renouvellement en double");
        for (const index of duplicates(version.lines, (x) => x.id))
          add(`${vat}.lines[${index}].id (ligne « ${version.lines[index]!.id} »)`, "identifiant de ligne en double");
        for (const index of duplicates(version.lines, (x) => `${x.category}/${x.practitioner ?? "*"}`)) {
          add(
            `${vat}.lines[${index}] (ligne « ${version.lines[index]!.id} »)`,
            `deux lignes pour la même catégorie « ${version.lines[index]!.category} »`,
          );
        }
        version.lines.forEach((line, i) => {
          const lat = (field: string) => `${vat}.lines[${i}].${field} (ligne « ${line.id} »)`;
          const info = categories[line.category];
          if (line.practitioner !== undefined && !("optamSensitive" in info))
            add(lat("practitioner"), `la catégorie « ${line.category} » ne distingue pas OPTAM et non-OPTAM`);
          if (
            line.practitioner !== undefined &&
            version.lines.some((o) => o.category === line.category && o.practitioner === undefined)
          ) {
            add(lat("practitioner"), `la catégorie « ${line.category} » a aussi une ligne sans praticien : ambigu`);
          }
          if (
            line.rule.kind === "annualForfait" &&
            !version.forfaits.some((f) => f.id === (line.rule as { forfaitId: string }).forfaitId)
          ) {
            add(lat("rule.forfaitId"), `forfait inconnu « ${line.rule.forfaitId} » (à déclarer dans « forfaits »)`);
          }
          if (line.renewal !== undefined && !version.renewals.some((r) => r.id === line.renewal)) {
            add(lat("renewal"), `renouvellement inconnu « ${line.renewal} » (à déclarer dans « renewals »)`);
          }
          const basket = "basket100Sante" in info;
          if (line.rule.kind === "hundredPercentSante" && !basket)
            add(lat("rule.kind"), `« hundredPercentSante » est réservé aux paniers 100 % Santé`);
          if (basket && product.responsible && line.rule.kind !== "hundredPercentSante") {
            add(
              lat("rule.kind"),
              "un contrat responsable doit couvrir ce panier 100 % Santé sans reste à charge (« hundredPercentSante »)",
            );
          }
        });
        if (product.responsible) issues.push(...ticketModerateurFloor(version, vat, level.label));
      });
    });
  });
  return issues;
}

/**
 * A responsible level covers at least the ticket modérateur on every category the Sécurité sociale reimburses
 * (R871-2 1° CSS), outside the legal exceptions: a line for it (for each kind of practitioner on doctors' fees)
 * whose rule reaches the floor. See ticket-moderateur.ts.
 */
function ticketModerateurFloor(
  version: TableFile["products"][number]["levels"][number]["versions"][number],
  vat: string,
  levelLabel: string,
): TableIssue[] {
  const issues: TableIssue[] = [];
  for (const [category, facts] of Object.entries(amoReimbursed) as [
    CategoryCode,
    NonNullable<(typeof amoReimbursed)[CategoryCode]>,
  ][]) {
    const kinds = "optamSensitive" in categories[category] ? (["optam", "nonOptam"] as const) : ([undefined] as const);
    for (const kind of kinds) {
      const line = lineFor(version.lines, category, kind);
      const who =
        kind === "optam" ? " (médecin adhérent OPTAM)" : kind === "nonOptam" ? " (médecin non adhérent OPTAM)" : "";
      if (!line) {
        issues.push({
          path: `${vat}.lines`,
          message: `contrat responsable : aucune ligne pour « ${category} »${who} au niveau « ${levelLabel} » ; le ticket modérateur doit être couvert (art. R871-2 1° du code de la sécurité sociale)`,
        });
        continue;
      }
      const shortfall = ticketModerateurShortfall(line.rule, facts);
      if (shortfall) {
        const index = version.lines.indexOf(line);
        issues.push({
          path: `${vat}.lines[${index}].rule (ligne « ${line.id} »)`,
          message: `contrat responsable : ${shortfall} (art. R871-2 1° du code de la sécurité sociale)`,
        });
      }
    }
  }
  // One message per line, even when both kinds of practitioner share it.
  return issues.filter(
    (issue, i) => issues.findIndex((o) => o.path === issue.path && o.message === issue.message) === i,
  );
}

function toCatalog(file: TableFile): GuaranteeCatalog {
  return {
    formatVersion: 1,
    products: file.products.map((product) => ({
      id: product.id,
      label: product.label,
      responsible: product.responsible,
      levels: product.levels.map((level) => ({
        id: level.id,
        label: level.label,
        versions: level.versions.map((version): GuaranteeTable => {
          const renewals = new Map(
            version.renewals.map(({ id: group, ...rest }): [string, RenewalRule] => [group, { group, ...rest }]),
          );
          const table: GuaranteeTable = {
            productId: product.id,
            productLabel: product.label,
            levelId: level.id,
            levelLabel: level.label,
            responsible: product.responsible,
            effectiveFrom: version.effectiveFrom,
            forfaits: version.forfaits,
            lines: version.lines.map(({ renewal, ...line }): GuaranteeLine =>
              renewal ? { ...line, renewal: renewals.get(renewal)! } : line,
            ),
          };
          if (version.effectiveTo !== undefined) table.effectiveTo = version.effectiveTo;
          return table;
        }),
      })),
    })),
  };
}

function refuse(issues: TableIssue[]): ParseResult {
  const list = issues.map((i) => `- ${i.path} : ${i.message}`).join("\n");
  return {
    ok: false,
    issues,
    message: `Tableau de garanties refusé (${issues.length} problème${issues.length > 1 ? "s" : ""}) :\n${list}`,
  };
}

/** Validates a whole file (JSON text or parsed value). All or nothing: never a partly loaded catalog. */
export function parseGuaranteeTables(input: unknown): ParseResult {
  let raw = input;
  if (typeof input === "string") {
    try {
      raw = JSON.parse(input);
    } catch (error) {
      return refuse([{ path: "(fichier)", message: `JSON invalide : ${(error as Error).message}` }]);
    }
  }
  const parsed = fileSchema.safeParse(raw, { error: frenchMessage });
  if (!parsed.success)
    return refuse(parsed.error.issues.map((iss) => ({ path: formatPath(iss.path, raw), message: iss.message })));
  const issues = crossCheck(parsed.data);
  if (issues.length > 0) return refuse(issues);
  return { ok: true, catalog: toCatalog(parsed.data) };
}
