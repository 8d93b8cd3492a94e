// Form drafts (issue 25, items 6 and 7; WCAG 2.2.1 and 3.3.7): what a member typed is not thrown away when
// the form cannot be taken at once, because the step-up's 5 minutes ran out or the session expired. The fields
// are kept on the server, never in a URL or a log line: one row per account and form page, encrypted, for
// `draftLifetimeMinutes`, read back once by the form's loader after the member has proved who they are again.
import { createHmac, timingSafeEqual } from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { and, eq, gt, lte } from "drizzle-orm";
import { parseCookies } from "better-auth/cookies";
import { sessionPolicy } from "../accounts/auth.server.ts";
import type { Viewer } from "../accounts/viewer.server.ts";
import { decryptIban, encryptIban, type KeyRing } from "../banking/iban-crypto.server.ts";
import type { Db } from "../db/client.server.ts";
import { draftLifetimeMinutes } from "./lifetime.ts";
import { formDraft } from "./schema.ts";
/** No honest field is longer (a message is capped far below); a longer one is cut, not refused. */
const maxFieldLength = 20_000;

export type DraftFields = Record<string, string>;

interface DraftDeps {
  db: Db;
  ibanKeys: KeyRing;
  clock: { now(): Date };
}

/**
 * Whose draft it is: the login that typed it and the space it was acting in. A carer acts for people of several
 * households with one login: what they typed for one household is only ever offered back in that household's
 * space (ADR 0025, update).
 */
export interface DraftOwner {
  userId: string;
  /** "householdId/personId" of a member's space; "" for an advisor, or a carer who has not chosen a space. */
  space: string;
}

export function draftOwnerFor(viewer: Viewer): DraftOwner {
  return {
    userId: viewer.userId,
    space: viewer.kind === "member" && viewer.householdId ? `${viewer.householdId}/${viewer.personId}` : "",
  };
}

// The associated data ties a ciphertext to its account, space and page: copied to another row, it no longer opens.
const aad = ({ userId, space }: DraftOwner, path: string) => `form-draft:${userId}:${space}:${path}`;

const ownedBy = (owner: DraftOwner, path: string) =>
  and(eq(formDraft.userId, owner.userId), eq(formDraft.space, owner.space), eq(formDraft.path, path));

/** Keeps `fields` for the account, space and page, replacing an earlier draft of the same page there. */
export async function saveDraft(deps: DraftDeps, owner: DraftOwner, path: string, fields: DraftFields): Promise<void> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + draftLifetimeMinutes * 60_000);
  const payloadEncrypted = encryptIban(deps.ibanKeys, JSON.stringify(fields), aad(owner, path));
  await deps.db
    .insert(formDraft)
    .values({ userId: owner.userId, space: owner.space, path, payloadEncrypted, expiresAt })
    .onConflictDoUpdate({
      target: [formDraft.userId, formDraft.space, formDraft.path],
      set: { payloadEncrypted, expiresAt },
    });
}

/**
 * The account's draft for this page in this space, if one is still live, deleted as it is read: shown once in
 * the form, it is the page's to keep from then on (a reload shows the empty form again).
 */
export async function takeDraft(deps: DraftDeps, owner: DraftOwner, path: string): Promise<DraftFields | null> {
  const [row] = await deps.db.delete(formDraft).where(ownedBy(owner, path)).returning();
  if (!row || row.expiresAt.getTime() <= deps.clock.now().getTime()) return null;
  try {
    const parsed: unknown = JSON.parse(decryptIban(deps.ibanKeys, row.payloadEncrypted, aad(owner, path)));
    if (!parsed || typeof parsed !== "object") return null;
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    // A key dropped from the ring since: the draft is lost, the form is shown empty.
    return null;
  }
}

/** Whether the account has a live draft for this page and space (tests, and nothing else, look without taking). */
export async function hasDraft(deps: DraftDeps, owner: DraftOwner, path: string): Promise<boolean> {
  const rows = await deps.db
    .select({ path: formDraft.path })
    .from(formDraft)
    .where(and(ownedBy(owner, path), gt(formDraft.expiresAt, deps.clock.now())));
  return rows.length > 0;
}

/** The hourly job: drafts nobody came back for. */
export async function deleteExpiredFormDrafts(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(formDraft).where(lte(formDraft.expiresAt, now)).returning({ path: formDraft.path });
  return gone.length;
}

/**
 * The named text fields of a posted form, url-encoded or multipart (files are skipped: a draft keeps what was
 * typed, not attachments), each cut at `maxFieldLength`.
 */
export async function readTextFields(request: Request, names: readonly string[]): Promise<DraftFields> {
  const wanted = new Set(names);
  const fields: DraftFields = {};
  const keep = (name: string, value: string) => {
    if (wanted.has(name) && !value.includes("\0")) fields[name] = value.slice(0, maxFieldLength);
  };
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    const form = await request.formData().catch(() => null);
    for (const [name, value] of form ?? []) if (typeof value === "string") keep(name, value);
    return fields;
  }
  if (!request.body) return fields;
  await new Promise<void>((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        defParamCharset: "utf8",
        limits: { fields: 50, fieldSize: 64 * 1024, parts: 100 },
      });
    } catch {
      resolve();
      return;
    }
    parser.on("field", keep);
    parser.on("file", (_name, stream) => {
      stream.on("error", () => {});
      stream.resume();
    });
    parser.on("close", resolve);
    // A cut or malformed body keeps what was read so far.
    parser.on("error", () => {
      resolve();
    });
    const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
    body.on("error", (error) => {
      parser.destroy(error);
      resolve();
    });
    body.pipe(parser);
  });
  return fields;
}

// The draft owner cookie. A browser forgets the session cookie when the session's idle time is over (its
// Max-Age is the idle lifetime), so a form posted after that says nothing about who typed it. A form page that
// keeps drafts therefore also sets this cookie: the account's id and the space it was acting in, signed, living
// for the idle lifetime plus the draft's. It proves nothing beyond "this browser showed this account's form in
// this space": a draft saved through it is only ever read back by that account, signed in again, in that space.

const ownerMaxAgeSeconds = sessionPolicy.idleSeconds + draftLifetimeMinutes * 60;

export interface OwnerCookieSettings {
  /** The session cookie's name (better-auth's, prefixed `__Host-` over HTTPS): ours follows it. */
  sessionCookieName: string;
  secure: boolean;
  secret: string;
}

export function ownerCookieName(settings: Pick<OwnerCookieSettings, "sessionCookieName">): string {
  return settings.sessionCookieName.replace(/session_token$/, "draft_owner");
}

function sign(secret: string, { userId, space }: DraftOwner, issuedAt: number): string {
  return createHmac("sha256", secret).update(`draft-owner:${userId}:${space}:${issuedAt}`).digest("base64url");
}

/**
 * "userId.space.issuedAt.signature": the time it was set is signed with it, so a copied cookie stops working on
 * the server when its Max-Age is past, whatever the browser does with it (security review R4).
 */
export function ownerCookieHeader(settings: OwnerCookieSettings, owner: DraftOwner, now = Date.now()): string {
  const issuedAt = Math.floor(now / 1000);
  const value = `${owner.userId}.${owner.space}.${issuedAt}.${sign(settings.secret, owner, issuedAt)}`;
  return (
    `${ownerCookieName(settings)}=${value}; Max-Age=${ownerMaxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax` +
    (settings.secure ? "; Secure" : "")
  );
}

/** The header that removes the owner cookie: at sign-out, nothing typed afterwards is kept for that account. */
export function clearOwnerCookieHeader(settings: OwnerCookieSettings): string {
  return (
    `${ownerCookieName(settings)}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax` + (settings.secure ? "; Secure" : "")
  );
}

/** The account and space a valid, unexpired owner cookie names, or null. */
export function draftOwnerOf(
  settings: OwnerCookieSettings,
  cookieHeader: string | null,
  now = Date.now(),
): DraftOwner | null {
  if (!cookieHeader) return null;
  const value = parseCookies(cookieHeader).get(ownerCookieName(settings));
  // Ids are UUIDs (or better-auth's alphanumeric ids) and the space is two of them with a slash: no dot in either.
  const parts = /^([^.]+)\.([^.]*)\.(\d{1,12})\.([\w-]+)$/.exec(value ?? "");
  if (!parts) return null;
  const [, userId, space, issued, signature] = parts as unknown as [string, string, string, string, string];
  const owner = { userId, space };
  const issuedAt = Number(issued);
  const given = Buffer.from(signature);
  const expected = Buffer.from(sign(settings.secret, owner, issuedAt));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const age = Math.floor(now / 1000) - issuedAt;
  return age >= 0 && age <= ownerMaxAgeSeconds ? owner : null;
}

const ownerSettingsOf = new WeakMap<object, Promise<OwnerCookieSettings>>();

/** The owner cookie's settings from better-auth's own (cookie name, secure flag, secret). */
export function ownerCookieSettings(auth: {
  $context: Promise<{
    secret: string;
    authCookies: { sessionToken: { name: string; attributes: { secure?: boolean } } };
  }>;
}): Promise<OwnerCookieSettings> {
  let settings = ownerSettingsOf.get(auth);
  if (!settings) {
    settings = auth.$context.then((ctx) => ({
      sessionCookieName: ctx.authCookies.sessionToken.name,
      secure: Boolean(ctx.authCookies.sessionToken.attributes.secure),
      secret: ctx.secret,
    }));
    ownerSettingsOf.set(auth, settings);
  }
  return settings;
}
