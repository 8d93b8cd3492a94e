// Tables owned by sign-in. The first four follow better-auth's expected shape (user, session, account,
// verification); `role` is our addition. Session tokens are random 32+ byte values owned by better-auth.
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  // The numéro d'adhérent for members; advisors get their login name.
  username: text("username").unique(),
  displayUsername: text("display_username"),
  role: text("role", { enum: ["member", "advisor"] })
    .notNull()
    .default("member"),
  // For advisors: what they may do in the back-office (see back-office/permissions.ts); null for members.
  advisorRole: text("advisor_role", { enum: ["conseiller", "gestionnaire", "administrateur"] }),
  // better-auth's two-factor plugin: set once a TOTP authenticator is confirmed.
  twoFactorEnabled: boolean("two_factor_enabled").notNull().default(false),
  // Advisors only: set by an administrateur when the person leaves. The account stays (the audit log names
  // it); it can no longer open a session (see auth.server.ts) and its sessions were ended at once.
  deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("session_user_id_idx").on(t.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("account_user_id_idx").on(t.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

// Counters for rate-limiter-flexible's RateLimiterDrizzle: shared by every app server through the database.
export const rateLimit = pgTable("rate_limit", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});

// better-auth's two-factor plugin: the TOTP secret and the recovery codes, both encrypted by better-auth
// with the auth secret; `verified` stays false until the member types a first code from the app.
export const twoFactor = pgTable(
  "two_factor",
  {
    id: text("id").primaryKey(),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    verified: boolean("verified").notNull().default(true),
    failedVerificationCount: integer("failed_verification_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    // Ours, not better-auth's: the time step (Unix time / 30 s) of the last code accepted, so a code (or an
    // older one still inside the window) cannot be used twice. See totp-replay.server.ts.
    lastTotpStep: integer("last_totp_step"),
  },
  // One row per account: better-auth reads "the" row of a user (findOne), so a second row (two enrolments
  // started at once) would leave which authenticator counts to chance. Existing duplicates were removed first
  // (custom migration `two_factor_one_row_per_user_dedupe`).
  (t) => [uniqueIndex("two_factor_user_id_idx").on(t.userId), index("two_factor_secret_idx").on(t.secret)],
);

// Step-up: when this session last proved again who is behind it (password, then a second factor),
// and the one-time code sent by e-mail to members without an authenticator app (hashed, short-lived).
export const stepUp = pgTable("step_up", {
  sessionId: text("session_id")
    .primaryKey()
    .references(() => session.id, { onDelete: "cascade" }),
  verifiedAt: timestamp("verified_at", { withTimezone: true }),
  passwordVerifiedAt: timestamp("password_verified_at", { withTimezone: true }),
  emailCodeHash: text("email_code_hash"),
  emailCodeExpiresAt: timestamp("email_code_expires_at", { withTimezone: true }),
  emailCodeAttempts: integer("email_code_attempts").notNull().default(0),
});

// A new e-mail address waits here until its owner opens the link sent to it. Rows stay after use:
// they tell which address an account had before, so that security alerts also reach it.
export const emailChange = pgTable(
  "email_change",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    previousEmail: text("previous_email").notNull(),
    newEmail: text("new_email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_change_user_idx").on(t.userId, t.createdAt)],
);

// The hard ceiling of the lockout model (docs/account-security.md): an account that failed too many password
// checks from every address within the window is locked, even for the right password, until its owner opens
// the single-use link mailed to them (its SHA-256 only is kept) or an advisor unlocks it. Keyed like the
// sign-in buckets (rate-limit.server.ts, accountKey): an identifier naming no account is locked alike (no
// user, no link, no mail), so a lock tells nobody whether an account exists.
export const accountLock = pgTable(
  "account_lock",
  {
    key: text("key").primaryKey(),
    userId: text("user_id").references(() => user.id, { onDelete: "cascade" }),
    lockedAt: timestamp("locked_at", { withTimezone: true }).notNull().defaultNow(),
    unlockTokenHash: text("unlock_token_hash").unique(),
    unlockExpiresAt: timestamp("unlock_expires_at", { withTimezone: true }),
  },
  (t) => [index("account_lock_user_idx").on(t.userId)],
);

// The browsers a member has signed in from, each known by a long-lived random cookie (`espace.appareil`) of
// which only the SHA-256 is kept. A sign-in from a browser without a known cookie, on an account that already
// has one, is a "sign-in from a new device": a security alert (notifications/new-device.server.ts).
export const knownDevice = pgTable(
  "known_device",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    label: text("label").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tokenHash] })],
);
