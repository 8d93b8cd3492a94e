// "Adhérer en ligne", resuming: the e-mailed single-use link, the member's own unfinished journey on the
// dashboard, and the browser's cookie holding the journey's random token (only its hash is stored).
import { and, desc, eq, sql } from "drizzle-orm";
import { user } from "../accounts/schema.ts";
import { createCookie } from "react-router";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { hashToken } from "../shared/token.server.ts";
import { type JourneyStep, journeySteps, resumeLinkDays } from "./journey-steps.ts";
import { affiliationJourney } from "./schema.ts";
import { journeyCookie, newToken, signedJourneyMinutes, type JourneyView, type Stored } from "./journey.server.ts";
import { person } from "../households/schema.ts";

/** A name as compared for "same identity": accents, case, hyphens, apostrophes and extra spaces aside. */
export function sameName(a: string, b: string): boolean {
  const plain = (s: string) =>
    s
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[\s'’-]+/g, " ")
      .trim();
  return plain(a) === plain(b);
}

/**
 * "Démarche commerciale à finaliser": the latest unsigned journey that is this member's own — started with
 * their login's address, which must be verified (the same proof as the e-mailed resume link), AND naming them
 * (same first name, last name and birth date as their person record). The address alone is not enough: anyone
 * may type a member's address into a journey, and that journey (with its IBANs and people, typed by someone
 * else) must not be handed to the member's browser (security review R6).
 */
export async function unfinishedJourneyOf(
  db: Db,
  viewer: { userId: string; personId: string },
): Promise<{ id: string; step: JourneyStep; createdAt: Date } | null> {
  const rows = await db
    .select({
      id: affiliationJourney.id,
      step: affiliationJourney.step,
      createdAt: affiliationJourney.createdAt,
      data: affiliationJourney.data,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
    })
    .from(affiliationJourney)
    .innerJoin(user, and(eq(user.email, affiliationJourney.email), eq(user.emailVerified, true)))
    .innerJoin(person, and(eq(person.userId, user.id), eq(person.id, viewer.personId)))
    .where(
      and(
        eq(user.id, viewer.userId),
        eq(affiliationJourney.status, "in_progress"),
        // The birth date in the query, so journeys typed by others with this address cannot crowd out the
        // member's own among the latest read; the names are compared below (accents and case aside).
        sql`${affiliationJourney.data}->'identity'->>'birthDate' = ${person.birthDate}::text`,
      ),
    )
    .orderBy(desc(affiliationJourney.updatedAt))
    .limit(20);
  const row = rows.find((r) => {
    const identity = (r.data as Stored).identity;
    return (
      identity !== undefined &&
      identity.birthDate === r.birthDate &&
      sameName(identity.firstName, r.firstName) &&
      sameName(identity.lastName, r.lastName)
    );
  });
  if (!row) return null;
  return {
    id: row.id,
    createdAt: row.createdAt,
    step: (journeySteps as readonly string[]).includes(row.step) ? (row.step as JourneyStep) : "identite",
  };
}

/** Hands that journey to the signed-in member's browser (as a resume link would): the new browser token. */
export async function resumeForMember(db: Db, viewer: { userId: string; personId: string }): Promise<string | null> {
  const journey = await unfinishedJourneyOf(db, viewer);
  if (!journey) return null;
  const browserToken = newToken();
  const taken = await db
    .update(affiliationJourney)
    .set({ browserTokenHash: hashToken(browserToken), updatedAt: sql`now()` })
    .where(and(eq(affiliationJourney.id, journey.id), eq(affiliationJourney.status, "in_progress")))
    .returning({ id: affiliationJourney.id });
  return taken.length === 1 ? browserToken : null;
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
/**
 * Whether an e-mailed link would resume a journey, without using it: the page the link opens only asks to
 * confirm, since mail scanners and link previews open links before the person does (a GET must not spend it).
 */
export async function checkResumeLink(
  { db, clock }: { db: Db; clock: Clock },
  token: string,
): Promise<{ ok: true } | { error: "unknown" | "expired" }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { error: "unknown" };
  const [row] = await db
    .select({ id: affiliationJourney.id, expires: affiliationJourney.resumeTokenExpiresAt })
    .from(affiliationJourney)
    .where(eq(affiliationJourney.resumeTokenHash, hashToken(token)));
  if (!row) return { error: "unknown" };
  if (!row.expires || row.expires.getTime() <= clock.now().getTime()) return { error: "expired" };
  return { ok: true };
}

/** Uses an e-mailed link (once): the journey moves to this browser, whose new token is returned. */
export async function resumeJourney(
  services: { db: Db; clock: Clock },
  token: string,
): Promise<{ browserToken: string } | { error: "unknown" | "expired" }> {
  const checked = await checkResumeLink(services, token);
  if ("error" in checked) return checked;
  const browserToken = newToken();
  // Only if the link is still unused: two clicks at once cannot both take the journey.
  const taken = await services.db
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

// The browser's token, in React Router's cookie helper (parsing and serialising by the cookie-es library it
// ships): HttpOnly, SameSite=Lax, on /offre only, Secure with COOKIE_SECURE. Not signed: the value is itself a
// 256-bit random secret whose hash is looked up; a forged value opens nothing.
const journeyCookieJar = createCookie(journeyCookie, {
  path: "/offre",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 30 * 24 * 3600,
});

/** The cookie removed: the browser forgets its journey (to start another one once one is signed). */
export function clearJourneyCookieHeader(secure: boolean): Promise<string> {
  return journeyCookieJar.serialize("", { secure, maxAge: 0 });
}

/** The cookie holding the browser's token; `signed`: the short life of a signed journey's cookie. */
export function journeyCookieHeader(token: string, secure: boolean, signed = false): Promise<string> {
  return journeyCookieJar.serialize(token, signed ? { secure, maxAge: signedJourneyMinutes * 60 } : { secure });
}

/** This browser's token, or null (no cookie, an empty or unreadable one). */
export async function readJourneyCookie(request: Request): Promise<string | null> {
  const value: unknown = await journeyCookieJar.parse(request.headers.get("cookie"));
  return typeof value === "string" && value !== "" ? value : null;
}
