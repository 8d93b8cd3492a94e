// A tariff file (config/tariffs/<level>.json, format in docs/offer.md): validated whole, with zod then
// cross-checks; any problem refuses the file, each problem with its place and its reason in French.
import { z } from "zod";
import { isIsoDate } from "../clock/calendar.ts";
import { findOverlaps } from "../guarantees/versions.ts";
import { departementCodes } from "./departement.ts";
import { ageBases, changeEffects, type LevelTariff } from "./model.ts";

const cents = z.number().int().min(0);
const rateBp = z.number().int().min(0).max(10_000);
const age = z.number().int().min(0).max(130);
const id = z.string().min(1).max(40);
const isoDate = z.string().refine(isIsoDate, { error: "date invalide (format AAAA-MM-JJ attendu)" });

const versionSchema = z.strictObject({
  effectiveFrom: isoDate,
  effectiveTo: isoDate.optional(),
  note: z.string().optional(),
  ageBasis: z.enum(ageBases),
  zones: z
    .array(
      z.strictObject({
        id,
        label: z.string().min(1),
        departements: z.array(z.string()).default([]),
        default: z.boolean().default(false),
      }),
    )
    .min(1),
  ageBands: z
    .array(z.strictObject({ from: age, to: age.optional(), monthlyCents: z.record(z.string(), cents) }))
    .min(1),
  family: z.strictObject({ freeChildFromRank: z.number().int().min(1).optional() }).default({}),
  discounts: z
    .strictObject({
      young: z.strictObject({ maxAge: age, rateBp }).optional(),
      couple: z.strictObject({ rateBp }).optional(),
    })
    .default({}),
});

const fileSchema = z.strictObject({
  formatVersion: z.literal(1),
  description: z.string().optional(),
  level: id,
  label: z.string().min(1),
  rank: z.number().int().min(1),
  change: z.strictObject({
    effective: z.enum(changeEffects),
    minimumMonthsCovered: z.number().int().min(0).max(120).default(0),
  }),
  versions: z.array(versionSchema).min(1),
});

export interface TariffIssue {
  /** Where, e.g. "versions[0].ageBands[2].monthlyCents.Z3". */
  path: string;
  message: string;
}

export type TariffParseResult = { ok: true; tariff: LevelTariff } | { ok: false; issues: TariffIssue[] };

export class TariffFileError extends Error {
  readonly issues: TariffIssue[];
  constructor(message: string, issues: TariffIssue[]) {
    super(message);
    this.name = "TariffFileError";
    this.issues = issues;
  }
}

const shown = (value: unknown) => (typeof value === "string" ? `« ${value} »` : (JSON.stringify(value) ?? "rien"));

function frenchMessage(iss: z.core.$ZodRawIssue): string {
  const missing = iss.input === undefined;
  switch (iss.code) {
    case "invalid_type":
      return missing
        ? "champ obligatoire manquant"
        : `type invalide : ${iss.expected === "int" ? "nombre entier" : iss.expected} attendu, reçu ${shown(iss.input)}`;
    case "too_small":
      if (iss.origin === "array") return "la liste ne peut pas être vide";
      if (iss.origin === "string") return "le texte ne peut pas être vide";
      return Number(iss.minimum) === 0
        ? `valeur négative interdite (reçu ${shown(iss.input)})`
        : `valeur trop petite (minimum ${iss.minimum}, reçu ${shown(iss.input)})`;
    case "too_big":
      return `valeur trop grande (maximum ${iss.maximum}, reçu ${shown(iss.input)})`;
    case "invalid_value":
      return missing
        ? "champ obligatoire manquant"
        : `valeur inconnue ${shown(iss.input)} (valeurs possibles : ${iss.values.map(String).join(", ")})`;
    case "unrecognized_keys":
      return `champ inconnu : ${iss.keys.join(", ")}`;
    default:
      return iss.message ?? "valeur invalide";
  }
}

function pathText(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) text += typeof key === "number" ? `[${key}]` : `${text ? "." : ""}${String(key)}`;
  return text || "(fichier)";
}

function crossCheck(file: z.infer<typeof fileSchema>): TariffIssue[] {
  const issues: TariffIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  for (const { earlier, later } of findOverlaps(file.versions))
    add(`versions[${later}].effectiveFrom`, `périodes d'effet qui se chevauchent avec versions[${earlier}]`);
  file.versions.forEach((version, v) => {
    const at = `versions[${v}]`;
    if (version.effectiveTo !== undefined && version.effectiveTo < version.effectiveFrom)
      add(`${at}.effectiveTo`, "fin d'effet antérieure au début d'effet");
    const zoneIds = new Set<string>();
    const seen = new Map<string, string>();
    version.zones.forEach((zone, z) => {
      if (zoneIds.has(zone.id)) add(`${at}.zones[${z}].id`, `zone « ${zone.id} » en double`);
      zoneIds.add(zone.id);
      zone.departements.forEach((d, i) => {
        if (!departementCodes.has(d))
          add(
            `${at}.zones[${z}].departements[${i}]`,
            `département inconnu « ${d} » (codes : 01 à 95, 2A, 2B, 971 à 976)`,
          );
        else if (seen.has(d))
          add(`${at}.zones[${z}].departements[${i}]`, `département « ${d} » déjà dans la zone « ${seen.get(d)} »`);
        else seen.set(d, zone.id);
      });
    });
    const defaults = version.zones.filter((z) => z.default).length;
    if (defaults !== 1)
      add(
        `${at}.zones`,
        defaults === 0
          ? "aucune zone par défaut (« default »: true) pour les départements non listés"
          : "plusieurs zones par défaut",
      );
    let expectedFrom = 0;
    version.ageBands.forEach((band, b) => {
      const bat = `${at}.ageBands[${b}]`;
      if (band.from !== expectedFrom)
        add(
          `${bat}.from`,
          b === 0
            ? `la première tranche doit commencer à 0 an (reçu ${band.from})`
            : `tranches d'âge non contiguës : ${expectedFrom} ans attendu après la tranche précédente, reçu ${band.from}`,
        );
      if (band.to === undefined && b !== version.ageBands.length - 1)
        add(`${bat}.to`, "seule la dernière tranche peut rester sans âge de fin");
      if (band.to !== undefined && b === version.ageBands.length - 1)
        add(`${bat}.to`, "la dernière tranche ne doit pas avoir d'âge de fin (elle couvre tous les âges suivants)");
      if (band.to !== undefined && band.to < band.from) add(`${bat}.to`, "âge de fin inférieur à l'âge de début");
      expectedFrom = (band.to ?? band.from) + 1;
      for (const zoneId of zoneIds)
        if (!(zoneId in band.monthlyCents))
          add(`${bat}.monthlyCents.${zoneId}`, `prix manquant pour la zone « ${zoneId} »`);
      for (const key of Object.keys(band.monthlyCents))
        if (!zoneIds.has(key)) add(`${bat}.monthlyCents.${key}`, `zone inconnue « ${key} »`);
    });
  });
  return issues;
}

/** Parses and checks a tariff file's text (or already-parsed JSON). */
export function parseTariffFile(input: unknown): TariffParseResult {
  let raw = input;
  if (typeof input === "string") {
    try {
      raw = JSON.parse(input);
    } catch (error) {
      return { ok: false, issues: [{ path: "(fichier)", message: `JSON invalide : ${(error as Error).message}` }] };
    }
  }
  const parsed = fileSchema.safeParse(raw, { error: frenchMessage });
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })),
    };
  const issues = crossCheck(parsed.data);
  if (issues.length > 0) return { ok: false, issues };
  const { formatVersion: _v, description: _d, ...tariff } = parsed.data;
  return { ok: true, tariff };
}

/** Checks the levels together: one file per level, distinct ranks, each a level of the guarantee tables. */
export function checkTariffCatalog(
  files: { name: string; tariff: LevelTariff }[],
  guaranteeLevels: readonly string[],
): TariffIssue[] {
  const issues: TariffIssue[] = [];
  if (files.length === 0) issues.push({ path: "(dossier)", message: "aucun fichier de tarif" });
  const levels = new Map<string, string>();
  const ranks = new Map<number, string>();
  for (const { name, tariff } of files) {
    if (levels.has(tariff.level))
      issues.push({
        path: `${name}: level`,
        message: `niveau « ${tariff.level} » déjà tarifé par ${levels.get(tariff.level)}`,
      });
    levels.set(tariff.level, name);
    if (ranks.has(tariff.rank))
      issues.push({ path: `${name}: rank`, message: `rang ${tariff.rank} déjà pris par ${ranks.get(tariff.rank)}` });
    ranks.set(tariff.rank, name);
    if (!guaranteeLevels.includes(tariff.level))
      issues.push({
        path: `${name}: level`,
        message: `niveau « ${tariff.level} » absent des tableaux de garanties (niveaux : ${guaranteeLevels.join(", ")})`,
      });
  }
  return issues;
}
