// "Adhérer en ligne", save and resume: each step is saved server-side as it is sent; the browser keeps a random
// token in a cookie (only its hash is stored); a resume link, e-mailed on request, is single-use, expires after
// resumeLinkDays, and gives the journey to whichever browser opens it (the old browser's token stops working).
import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { decryptIban, encryptIban, type KeyRing } from "../banking/iban-crypto.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { type JourneyStep, resumeLinkDays } from "./journey-form.ts";
import { affiliationJourney } from "./schema.ts";
import { hashToken } from "../shared/token.server.ts";

export const journeyCookie = "adhesion";

const newToken = () => randomBytes(32).toString("base64url");

export interface JourneyView {
  id: string;
  step: JourneyStep;
  email: string | null;
  identity: { firstName: string; lastName: string; birthDate: string; nirMasked: string } | null;
  address: { addressLine1: string; postalCode: string; city: string; startDate: string } | null;
}

interface Deps {
  db: Db;
  ibanKeys: KeyRing;
}

type Stored = {
  identity?: { firstName: string; lastName: string; birthDate: string; nirEncrypted: string };
  address?: JourneyView["address"];
};

function view(row: typeof affiliationJourney.$inferSelect, keys: KeyRing): JourneyView {
  const data = row.data as Stored;
  const nir = data.identity ? decryptIban(keys, data.identity.nirEncrypted, row.id) : null;
  return {
    id: row.id,
    step: row.step as JourneyStep,
    email: row.email,
    identity: data.identity
      ? {
          firstName: data.identity.firstName,
          lastName: data.identity.lastName,
          birthDate: data.identity.birthDate,
          // Shown back masked: the sex and birth year and month, the rest hidden.
          nirMasked: `${nir!.slice(0, 5)} •••••••• ${nir!.slice(13)}`,
        }
      : null,
    address: data.address ?? null,
  };
}

/** The journey of this browser (its cookie's token), or null. */
export async function findJourney({ db, ibanKeys }: Deps, browserToken: string | null): Promise<JourneyView | null> {
  if (!browserToken || browserToken.length > 100) return null;
  const [row] = await db
    .select()
    .from(affiliationJourney)
    .where(eq(affiliationJourney.browserTokenHash, hashToken(browserToken)));
  return row ? view(row, ibanKeys) : null;
}

/** Step 1 saved: a new journey (and its browser token to set) or this browser's, updated. */
export async function saveIdentity(
  { db, ibanKeys }: Deps,
  browserToken: string | null,
  input: { email: string; firstName: string; lastName: string; birthDate: string; nir: string },
): Promise<{ browserToken: string; journeyId: string }> {
  const existing = browserToken
    ? (
        await db
          .select({ id: affiliationJourney.id, data: affiliationJourney.data })
          .from(affiliationJourney)
          .where(eq(affiliationJourney.browserTokenHash, hashToken(browserToken)))
      )[0]
    : undefined;
  if (existing && browserToken) {
    const identity = { ...pick(input), nirEncrypted: encryptIban(ibanKeys, input.nir, existing.id) };
    await db
      .update(affiliationJourney)
      .set({
        email: input.email,
        data: { ...(existing.data as Stored), identity },
        step: (existing.data as Stored).address ? "suite" : "adresse",
        updatedAt: sql`now()`,
      })
      .where(eq(affiliationJourney.id, existing.id));
    return { browserToken, journeyId: existing.id };
  }
  const token = newToken();
  const id = randomUUID();
  await db.insert(affiliationJourney).values({
    id,
    browserTokenHash: hashToken(token),
    email: input.email,
    step: "adresse",
    data: { identity: { ...pick(input), nirEncrypted: encryptIban(ibanKeys, input.nir, id) } },
  });
  return { browserToken: token, journeyId: id };
}

function pick(input: { firstName: string; lastName: string; birthDate: string }) {
  return { firstName: input.firstName, lastName: input.lastName, birthDate: input.birthDate };
}

export async function saveAddress(
  { db }: Pick<Deps, "db">,
  journeyId: string,
  address: NonNullable<JourneyView["address"]>,
): Promise<void> {
  await db
    .update(affiliationJourney)
    .set({
      data: sql`${affiliationJourney.data} || ${JSON.stringify({ address })}::jsonb`,
      step: "suite",
      updatedAt: sql`now()`,
    })
    .where(eq(affiliationJourney.id, journeyId));
}

/** Goes back to a step already done, to correct it. */
export async function goToStep({ db }: Pick<Deps, "db">, journeyId: string, step: JourneyStep): Promise<void> {
  await db
    .update(affiliationJourney)
    .set({ step, updatedAt: sql`now()` })
    .where(eq(affiliationJourney.id, journeyId));
}

/** A new resume link by e-mail (the previous one stops working). */
export async function sendResumeLink(
  deps: { db: Db; clock: Clock; mailer: Mailer; publicUrl: string },
  journey: JourneyView,
): Promise<void> {
  if (!journey.email) throw new AppError("no_email", "Saisissez d'abord votre adresse e-mail.", 400);
  // Re-sendable, but not in a loop: one link a minute at most (nobody's mailbox is flooded from here).
  const [row] = await deps.db
    .select({ expires: affiliationJourney.resumeTokenExpiresAt })
    .from(affiliationJourney)
    .where(eq(affiliationJourney.id, journey.id));
  const sentAt = row?.expires ? row.expires.getTime() - resumeLinkDays * 24 * 3600 * 1000 : null;
  if (sentAt !== null && deps.clock.now().getTime() - sentAt < 60_000)
    throw new AppError(
      "too_soon",
      "Un lien vient de vous être envoyé : attendez une minute avant d'en demander un autre.",
      429,
    );
  const token = newToken();
  const expires = new Date(deps.clock.now().getTime() + resumeLinkDays * 24 * 3600 * 1000);
  await deps.db
    .update(affiliationJourney)
    .set({ resumeTokenHash: hashToken(token), resumeTokenExpiresAt: expires, updatedAt: sql`now()` })
    .where(eq(affiliationJourney.id, journey.id));
  await deps.mailer.send({
    to: journey.email,
    subject: "Reprendre votre adhésion en ligne",
    text:
      `Bonjour${journey.identity ? ` ${journey.identity.firstName}` : ""},\n\n` +
      `Votre demande d'adhésion est enregistrée. Pour la reprendre là où vous l'avez laissée, ouvrez ce lien ` +
      `(valable ${resumeLinkDays} jours, une seule fois) :\n${deps.publicUrl}/offre/adherer/reprendre?jeton=${token}\n\n` +
      `Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n\nVotre mutuelle`,
  });
}

/** Opens a resume link: single-use and before its expiry; returns the new browser token to set. */
export async function resumeJourney(
  { db, clock }: { db: Db; clock: Clock },
  token: string,
): Promise<{ browserToken: string } | { error: "unknown" | "expired" }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { error: "unknown" };
  const [row] = await db
    .select({ id: affiliationJourney.id, expires: affiliationJourney.resumeTokenExpiresAt })
    .from(affiliationJourney)
    .where(eq(affiliationJourney.resumeTokenHash, hashToken(token)));
  if (!row) return { error: "unknown" };
  if (!row.expires || row.expires.getTime() <= clock.now().getTime()) return { error: "expired" };
  const browserToken = newToken();
  // Only if the link is still unused: two clicks at once cannot both take the journey.
  const taken = await db
    .update(affiliationJourney)
    .set({
      browserTokenHash: hashToken(browserToken),
      resumeTokenHash: null,
      resumeTokenExpiresAt: null,
      updatedAt: sql`now()`,
    })
    .where(eq(affiliationJourney.resumeTokenHash, hashToken(token)))
    .returning({ id: affiliationJourney.id });
  return taken.length === 1 ? { browserToken } : { error: "unknown" };
}

/** The cookie holding the browser's token. */
export function journeyCookieHeader(token: string, secure: boolean): string {
  return `${journeyCookie}=${token}; Path=/offre; HttpOnly; SameSite=Lax; Max-Age=${30 * 24 * 3600}${secure ? "; Secure" : ""}`;
}

export function readJourneyCookie(request: Request): string | null {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === journeyCookie) return value.join("=") || null;
  }
  return null;
}
