// Environment variables, validated once at start-up: a wrong value stops the server with a clear message
// instead of failing later on a member's request.
import { z } from "zod";
import { parseKeyRing } from "../banking/iban-crypto.server.ts";
import { parseTrustProxy, type TrustProxySetting } from "./trust-proxy.ts";
import { clockPinProblem } from "../clock/index.ts";

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
  // The guarantee tables (JSON, see docs/guarantee-tables.md); refused whole at start if malformed.
  GUARANTEE_TABLES: z.string().min(1).default("config/guarantees/demo.json"),
  // Notices d'information: a folder with notices.json and the PDF files it lists.
  NOTICES_DIR: z.string().min(1).default("config/notices"),
  // Where members' files are kept (never under the web root). Default: DATA_DIR/uploads.
  UPLOAD_DIR: z.string().min(1).optional(),
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
