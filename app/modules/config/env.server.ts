// Environment variables, validated once at start-up: a wrong value stops the server with a clear message
// instead of failing later on a member's request.
import { join, resolve } from "node:path";
import { z } from "zod";
import { isValidIcs } from "../offer/sepa.ts";
import { parseKeyRing } from "../banking/iban-crypto.server.ts";
import { tileUrlProblem } from "../directory/map-config.ts";
import { parseTrustProxy, type TrustProxySetting } from "./trust-proxy.ts";
import { clockPinProblem } from "../clock/index.ts";
import { parseStorageUrl, type StorageConfig } from "../storage/storage-url.ts";

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Unset: every interface, IPv6 and IPv4 (Node picks what the machine has).
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "doit commencer par postgres:// ou postgresql://")
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "doit commencer par smtp:// ou smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Espace adhérent <ne-pas-repondre@mutuelle.example>"),
  // Public address of the portal, used in e-mails and as the only origin allowed to post forms.
  PUBLIC_URL: z.url().optional(),
  // Secret that signs session cookies; a random one per start is only acceptable for the demo.
  AUTH_SECRET: z.string().min(32, "doit faire au moins 32 caractères").optional(),
  // Set to false only to serve over plain HTTP on a host other than localhost (cookies then lose __Host-).
  COOKIE_SECURE: booleanFlag.default(true),
  BRAND_CONFIG: z.string().min(1).optional(),
  // Web Push (docs/personal-data.md, "Notifications"): the VAPID key pair (base64url, from
  // `npx web-push generate-vapid-keys`). Unset: a pair generated once in DATA_DIR/vapid-keys.json. Several
  // servers must share one pair: set both.
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{80,100}$/, "clé publique VAPID en base64url (65 octets)")
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{40,50}$/, "clé privée VAPID en base64url (32 octets)")
    .optional(),
  // Who runs the sender, for push services: mailto:… or https://…; default mailto: MAIL_FROM's address.
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, "doit commencer par mailto: ou https://")
    .optional(),
  // The push services whose endpoints are accepted, comma-separated origins ("https://*.notify.windows.com"
  // for sub-domains). Unset: the browsers' own (Chrome, Firefox, Safari, Edge).
  PUSH_SERVICE_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine((list) => list.length > 0 && list.every((o) => /^https?:\/\/(\*\.)?[^/*]+$/.test(o)), {
      error: "origines séparées par des virgules, comme https://push.example ou https://*.push.example",
    })
    .optional(),
  // The guarantee tables (JSON, see docs/guarantee-tables.md); refused whole at start if malformed.
  GUARANTEE_TABLES: z.string().min(1).default("config/guarantees/demo.json"),
  // The tariffs: a folder with one JSON file per level (see docs/offer.md); refused whole at start if malformed.
  TARIFFS_DIR: z.string().min(1).default("config/tariffs"),
  // The mutuelle's SEPA creditor identifier (ICS), printed on mandates: FR, 2 check digits, ZZZ, 6 digits.
  SEPA_CREDITOR_ID: z
    .string()
    .refine(isValidIcs, "identifiant créancier SEPA invalide (format FRkkZZZnnnnnn, clé vérifiée)")
    .default("FR72ZZZ123456"),
  // Notices d'information: a folder with notices.json and the PDF files it lists.
  NOTICES_DIR: z.string().min(1).default("config/notices"),
  // Where members' files are kept (never under the web root), for the local driver. Default: DATA_DIR/uploads.
  UPLOAD_DIR: z.string().min(1).optional(),
  // Or object storage for several servers: s3://bucket[/prefix]?endpoint=…&region=…&forcePathStyle=true&sse=AES256
  // (credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). See docs/operations.md, "Stockage des fichiers".
  STORAGE_URL: z.string().min(1).optional(),
  // The S3 region when STORAGE_URL does not say it (the AWS SDK's standard variable).
  AWS_REGION: z.string().min(1).optional(),
  // clamd for attachments, e.g. tcp://127.0.0.1:3310; unset: files are not scanned.
  CLAMAV_URL: z
    .string()
    .regex(/^tcp:\/\/[^:/]+(:\d+)?\/?$/, "au format tcp://hôte:port")
    .optional(),
  // Bearer token of the core system for POST /api/v1/decomptes; unset: the endpoint does not exist.
  IMPORT_API_TOKEN: z.string().min(32, "doit faire au moins 32 caractères").optional(),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(500 * 1024 * 1024),
  // Longest line of an import file, in bytes: a longer one is refused (with its number) and skipped.
  IMPORT_MAX_LINE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  // How long a request may take to arrive whole (server/security.ts, requestArrivalDeadline): 5 minutes as
  // Node's own default, and for the import over the API, which a large file or a paced import makes longer.
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  IMPORT_REQUEST_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(4 * 3600),
  // The import's share of the machine (docs/operations.md, "The nightly import"): batches written at once on
  // PostgreSQL (each on its own connection of the pool; PGlite always writes one at a time), and an optional
  // ceiling on lines a second so that a server that also serves pages keeps cores for them.
  IMPORT_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(3),
  IMPORT_MAX_LINES_PER_SECOND: z.coerce.number().int().min(100).optional(),
  // Keys that encrypt IBANs at rest, "id:base64(32 bytes)" separated by commas, the current one first.
  IBAN_ENCRYPTION_KEYS: z
    .string()
    .refine((v) => keyRingProblem(v) === null, { error: (issue) => keyRingProblem(String(issue.input)) ?? "" })
    .optional(),
  // How long a new RIB waits before reimbursements go to it (the member can cancel meanwhile).
  BANK_CHANGE_HOLD_HOURS: z.coerce.number().int().min(0).max(720).default(48),
  // The longest a carer's access (aidant, /mon-compte/aidants) may be granted for, in months.
  CARER_GRANT_MAX_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  // Quotas per household (docs/operations.md, "Quotas"): what one member can store, keep as drafts and send.
  // Files uploaded by the household over the last 30 days (drafts, démarches, messages), in MB.
  HOUSEHOLD_UPLOAD_MB_PER_30_DAYS: z.coerce.number().int().min(10).max(100_000).default(300),
  // Claim drafts open at once.
  HOUSEHOLD_MAX_DRAFTS: z.coerce.number().int().min(1).max(1000).default(10),
  // A draft untouched this long is deleted with its files.
  DRAFT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // An online adhesion ("Adhérer en ligne") left unsigned this long, or refused this long ago, is deleted with
  // its files (docs/personal-data.md).
  ADHESION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // A former member keeps their space (documents, reimbursements) this many years after the contract's last
  // covered day; then the daily job closes the login (docs/personal-data.md, "A former member's access").
  FORMER_MEMBER_ACCESS_YEARS: z.coerce.number().int().min(2).max(10).default(3),
  // Rate limits per household and per hour: new drafts, messages (new threads and replies), other démarches.
  HOUSEHOLD_DRAFTS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
  HOUSEHOLD_MESSAGES_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(30),
  HOUSEHOLD_REQUESTS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
  // Hops allowed to give the client's address (X-Forwarded-For): a count, true/false, or addresses/subnets.
  TRUST_PROXY: z
    .string()
    .transform((raw, ctx): TrustProxySetting => {
      const parsed = parseTrustProxy(raw);
      if ("value" in parsed) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.problem });
      return z.NEVER;
    })
    .optional(),
  // Bearer token that opens /metrics (Prometheus); unset, /metrics answers 404 (docs/operations.md).
  METRICS_TOKEN: z.string().min(24, "doit faire au moins 24 caractères").optional(),
  // Seconds between two rounds of the job runner (scheduled jobs, due jobs, mail outbox); 0 turns it off in
  // this process (another server runs the jobs).
  JOBS_POLL_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  // The map beside the partner network's list (docs/directory.md): a tile server's URL template with {z}, {x}, {y}
  // (e.g. https://tuiles.example/{z}/{x}/{y}.png); unset, no map and no map script. Its attribution is required
  // with it (plain text, e.g. "© les contributeurs d'OpenStreetMap"), a link for it optional.
  MAP_TILE_URL: z
    .string()
    .refine((v) => tileUrlProblem(v) === null, { error: (issue) => tileUrlProblem(String(issue.input)) ?? "" })
    .optional(),
  MAP_ATTRIBUTION: z.string().min(1).max(300).optional(),
  MAP_ATTRIBUTION_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // Tests only: pins the clock at this instant (with CLOCK_TEST_MODE=1, embedded database). See modules/clock.
  CLOCK_FIXED_AT: z.string().optional(),
  CLOCK_TEST_MODE: booleanFlag.default(false),
});

export type AppEnv = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function readEnv(source: Record<string, string | undefined> = process.env): AppEnv {
  // Empty strings count as unset, so `DATABASE_URL= npm start` means "embedded database".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.AUTH_SECRET) {
    throw new ConfigError(
      "Configuration invalide :\n  - AUTH_SECRET: obligatoire avec DATABASE_URL en production (32 caractères ou plus)",
    );
  }
  if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.IBAN_ENCRYPTION_KEYS) {
    throw new ConfigError(
      "Configuration invalide :\n  - IBAN_ENCRYPTION_KEYS: obligatoire avec DATABASE_URL en production (voir docs/operations.md)",
    );
  }
  if (env.MAP_TILE_URL && !env.MAP_ATTRIBUTION) {
    throw new ConfigError(
      "Configuration invalide :\n  - MAP_ATTRIBUTION: obligatoire avec MAP_TILE_URL (le crédit que le fournisseur des tuiles demande)",
    );
  }
  if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
    throw new ConfigError(
      "Configuration invalide :\n  - VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: les deux ensemble, ou aucune (générées dans DATA_DIR)",
    );
  }
  const storage = storageConfigProblem(env);
  if (storage) throw new ConfigError(`Configuration invalide :\n  - ${storage}`);
  const clockProblem = clockPinProblem(env);
  if (clockProblem) throw new ConfigError(`Configuration invalide :\n  - CLOCK_FIXED_AT: ${clockProblem}`);
  return env;
}

function keyRingProblem(spec: string): string | null {
  try {
    parseKeyRing(spec);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Where members' files are kept: STORAGE_URL, else the local directory UPLOAD_DIR (default DATA_DIR/uploads). */
export function storageConfigFromEnv(
  env: Pick<AppEnv, "STORAGE_URL" | "UPLOAD_DIR" | "DATA_DIR" | "AWS_REGION">,
): StorageConfig {
  const parsed = parseStorageUrl(env.STORAGE_URL, {
    localRoot: resolve(env.UPLOAD_DIR ?? join(resolve(env.DATA_DIR), "uploads")),
    ...(env.AWS_REGION ? { awsRegion: env.AWS_REGION } : {}),
  });
  if ("problem" in parsed) throw new ConfigError(`Configuration invalide :\n  - STORAGE_URL: ${parsed.problem}`);
  return parsed.config.kind === "local" ? { kind: "local", root: resolve(parsed.config.root) } : parsed.config;
}

function storageConfigProblem(env: AppEnv): string | null {
  if (env.STORAGE_URL && env.UPLOAD_DIR)
    return "UPLOAD_DIR: inutile avec STORAGE_URL (pour un dossier local : STORAGE_URL=file:///chemin, ou UPLOAD_DIR seul)";
  try {
    storageConfigFromEnv(env);
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^Configuration invalide :\n {2}- /, "");
  }
}
