// Everything a request may need, built once at start-up and handed to routes through the router context.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { keepPrivate } from "./modules/config/private-files.server.ts";
import { join, resolve, sep } from "node:path";
import { type Auth, createAuth } from "./modules/accounts/auth.server.ts";
import { passwordResetMail } from "./modules/accounts/password-reset.server.ts";
import { createSignInLimiter, type SignInLimiter, type SignInLimits } from "./modules/accounts/rate-limit.server.ts";
import { type Clock, clockFromEnv } from "./modules/clock/index.ts";
import { type Brand, loadBrand } from "./modules/config/brand.server.ts";
import { type AppEnv, storageConfigFromEnv } from "./modules/config/env.server.ts";
import { type ObjectStorage, openStorage } from "./modules/storage/index.server.ts";
import { cleanScratch } from "./modules/claims/uploads.server.ts";
import { type Database, type Db, openDatabase } from "./modules/db/client.server.ts";
import { runMigrations } from "./modules/db/migrate.server.ts";
import { seedDemoData } from "./modules/demo/seed.server.ts";
import {
  createHouseholdLimiter,
  type HouseholdLimiter,
  type HouseholdQuotas,
  quotasFromEnv,
} from "./modules/claims/quotas.server.ts";
import { createVirusScanner, type VirusScanner } from "./modules/claims/virus-scan.server.ts";
import { loadNotices, type Notices } from "./modules/documents/notices.server.ts";
import { type GuaranteeCatalog, loadGuaranteeTablesFile } from "./modules/guarantees/index.server.ts";
import type { TariffCatalog } from "./modules/offer/model.ts";
import { loadTariffs } from "./modules/offer/tariffs.server.ts";
import { createMailer } from "./modules/mail/mailer.server.ts";
import { createOutboxMailer, type OutboxMailer } from "./modules/mail/outbox.server.ts";
import { type AppMetrics, createMetrics } from "./modules/metrics/metrics.server.ts";
import { createLogger, type Logger } from "./modules/shared/logger.server.ts";
import {
  createPushSender,
  defaultPushServiceOrigins,
  loadVapidKeys,
  type PushSender,
} from "./modules/notifications/push.server.ts";
import { derivedKeyRing, type KeyRing, parseKeyRing } from "./modules/banking/iban-crypto.server.ts";

export interface AppServices {
  env: AppEnv;
  /** The one clock: every business date ("today", a card's year, a message's day) comes from it. */
  clock: Clock;
  database: Database;
  db: Db;
  auth: Auth;
  signInLimiter: SignInLimiter;
  /** Per-household quotas and hourly limits on drafts, messages and démarches (docs/operations.md). */
  quotas: HouseholdQuotas;
  householdLimiter: HouseholdLimiter;
  /** Every mail goes through the outbox table (written in the causing transaction, retried until sent). */
  mailer: OutboxMailer;
  /** Web Push: the VAPID public key for browsers, and the push outbox's delivery (run by the job runner). */
  push: PushSender;
  metrics: AppMetrics;
  /** Set on SIGTERM: /readyz answers 503 so the load balancer stops sending new requests. */
  lifecycle: { draining: boolean };
  brand: Brand;
  guarantees: GuaranteeCatalog;
  /** The tariff of each level, in rank order (config/tariffs). */
  tariffs: TariffCatalog;
  notices: Notices;
  /** Members' files (claims, quotes, beneficiary documents, messages): a local directory or an S3 bucket. */
  storage: ObjectStorage;
  /** This server's own scratch space for an upload being checked, before it goes to `storage`. */
  scratchDir: string;
  virusScanner: VirusScanner | null;
  logger: Logger;
  /** Encrypts and decrypts IBANs at rest. */
  ibanKeys: KeyRing;
  bankChangeHoldHours: number;
  /** Where links in e-mails point. */
  publicUrl: string;
}

export interface ServiceOverrides {
  clock?: Clock;
  database?: Database;
  logger?: Logger;
  signInLimits?: SignInLimits;
  storage?: ObjectStorage;
}

export async function createServices(env: AppEnv, overrides: ServiceOverrides = {}): Promise<AppServices> {
  const logger = overrides.logger ?? createLogger(env.LOG_LEVEL);
  const clock = overrides.clock ?? clockFromEnv(env);
  const brand = loadBrand(env.BRAND_CONFIG);
  const guarantees = loadGuaranteeTablesFile(env.GUARANTEE_TABLES);
  const tariffs = loadTariffs(env.TARIFFS_DIR, guarantees);
  const notices = loadNotices(env.NOTICES_DIR);
  const dataDir = resolve(env.DATA_DIR);
  const storageConfig = storageConfigFromEnv(env);
  const uploadDir = storageConfig.kind === "local" ? storageConfig.root : null;
  for (const dir of !uploadDir || uploadDir.startsWith(dataDir + sep) ? [dataDir] : [dataDir, uploadDir]) {
    const { tightened } = keepPrivate(dir);
    if (tightened)
      logger.warn(
        { event: "data_permissions_tightened", files: tightened },
        "files readable by other accounts made private",
      );
  }
  const storage = overrides.storage ?? (await openStorage(storageConfig));
  const scratchDir = join(dataDir, "incoming");
  await cleanScratch(scratchDir);
  const database =
    overrides.database ??
    (await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir, poolMax: env.DATABASE_POOL_MAX }));
  await runMigrations(database);
  // Demo data goes by itself only into a brand-new embedded database; PostgreSQL gets it only when asked.
  if (database.kind === "pglite" && database.created) {
    const { created } = await seedDemoData(database.db, clock);
    logger.info({ event: "demo_data_seeded", households: created.length }, "demo data loaded");
  }
  const transport = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, outboxDir: join(dataDir, "outbox") });
  const mailer = createOutboxMailer({ db: database.db, transport, logger });
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const push = createPushSender({
    db: database.db,
    keys: loadVapidKeys(env, dataDir, logger),
    allowedOrigins: env.PUSH_SERVICE_ORIGINS ?? defaultPushServiceOrigins,
    logger,
  });
  const quotas = quotasFromEnv(env);
  const secret = env.AUTH_SECRET ?? embeddedSecret(dataDir, logger);
  const auth = createAuth({
    // Links better-auth issues itself (a new advisor's first password); members' requests go through
    // requestPasswordReset, which writes the same mail.
    sendPasswordReset: (email, token) => mailer.send(passwordResetMail(publicUrl, email, token)),
    db: database.db,
    logger,
    secret,
    baseURL: publicUrl,
    secureCookies: env.COOKIE_SECURE,
  });
  return {
    env,
    clock,
    database,
    db: database.db,
    auth,
    signInLimiter: createSignInLimiter(database.db, overrides.signInLimits),
    quotas,
    householdLimiter: createHouseholdLimiter(database.db, quotas),
    mailer,
    push,
    metrics: createMetrics(database),
    lifecycle: { draining: false },
    brand,
    guarantees,
    tariffs,
    notices,
    storage,
    scratchDir,
    virusScanner: createVirusScanner(env.CLAMAV_URL),
    logger,
    ibanKeys: env.IBAN_ENCRYPTION_KEYS ? parseKeyRing(env.IBAN_ENCRYPTION_KEYS) : derivedKeyRing(secret),
    bankChangeHoldHours: env.BANK_CHANGE_HOLD_HOURS,
    publicUrl,
  };
}

/** Without AUTH_SECRET, a random secret kept in DATA_DIR so sessions survive a restart of the demo. */
function embeddedSecret(dataDir: string, logger: Logger): string {
  const file = join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  logger.warn(
    { event: "auth_secret_generated" },
    "AUTH_SECRET unset: generated one in DATA_DIR (set it in production)",
  );
  return secret;
}
