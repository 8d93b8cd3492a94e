// The help centre's articles: members read the published ones (list by theme, French full-text search,
// "Besoin d'aide ?" per page, suggestions before writing a message); an administrateur writes, previews,
// publishes and unpublishes them (audited). Articles are the mutuelle's public information, not a member's
// data: nothing here is scoped by household.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import type { ArticleInput } from "./article-form.ts";
import { searchableText } from "./markdown.ts";
import { helpArticle } from "./schema.ts";
import { foldAccents } from "./text.ts";
import type { HelpPageKey } from "./themes.ts";

export interface ArticleSummary {
  slug: string;
  title: string;
  summary: string;
  theme: string;
  pages: string[];
  position: number;
}

// Every member page with a "Besoin d'aide ?" box reads the published list: kept a minute per database handle
// (another app server sees a change within that minute; this one at once, as writes clear it).
const cacheMs = 60_000;
const cache = new WeakMap<Db, { at: number; rows: ArticleSummary[] }>();

/** Published articles, by theme order then position then title. */
export async function listPublishedArticles(db: Db): Promise<ArticleSummary[]> {
  const hit = cache.get(db);
  if (hit && performance.now() - hit.at < cacheMs) return hit.rows;
  const rows = await db
    .select({
      slug: helpArticle.slug,
      title: helpArticle.title,
      summary: helpArticle.summary,
      theme: helpArticle.theme,
      pages: helpArticle.pages,
      position: helpArticle.position,
    })
    .from(helpArticle)
    .where(eq(helpArticle.status, "published"))
    .orderBy(asc(helpArticle.position), asc(helpArticle.title))
    .limit(500);
  cache.set(db, { at: performance.now(), rows });
  return rows;
}

/** The "Besoin d'aide ?" articles of a member page (three at most). */
export async function helpForPage(db: Db, page: HelpPageKey, max = 3): Promise<ArticleSummary[]> {
  return (await listPublishedArticles(db)).filter((a) => a.pages.includes(page)).slice(0, max);
}

export interface SearchHit {
  slug: string;
  title: string;
  summary: string;
  theme: string;
  rank: number;
}

/**
 * Published articles matching a member's words, best first: French stemming ("remboursements" finds
 * "remboursé"), accents and case ignored (both sides folded), title words weighted above text words.
 * websearch_to_tsquery accepts anything typed (quotes, "or", "-word") without a syntax error.
 */
export async function searchArticles(db: Db, words: string, limit = 20): Promise<SearchHit[]> {
  // A hyphen inside a word ("tiers-payant", "mot-de-passe") would make the compound a term of its own, which a text
  // writing "tiers payant" lacks: split it. "-word" after a space still excludes, as websearch_to_tsquery reads it.
  const folded = foldAccents(words)
    .replace(/(\p{L})-(?=\p{L})/gu, "$1 ")
    .trim();
  if (folded === "") return [];
  const query = sql`websearch_to_tsquery('french'::regconfig, ${folded})`;
  const rank = sql<number>`ts_rank(${helpArticle.search}, ${query})`;
  const rows = await db
    .select({
      slug: helpArticle.slug,
      title: helpArticle.title,
      summary: helpArticle.summary,
      theme: helpArticle.theme,
      rank,
    })
    .from(helpArticle)
    .where(and(eq(helpArticle.status, "published"), sql`${helpArticle.search} @@ ${query}`))
    .orderBy(desc(rank), asc(helpArticle.title))
    .limit(limit);
  // ts_rank gives a real, which both drivers read as a JavaScript number.
  return rows;
}

/**
 * Articles related to a subject the member is about to write on: any of its words (e.g. "Ajout de
 * bénéficiaires" → ajout | beneficiaires), best first.
 */
export async function suggestArticles(db: Db, label: string, limit = 3): Promise<SearchHit[]> {
  const words = foldAccents(label)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && w !== "or");
  if (words.length === 0) return [];
  return searchArticles(db, words.join(" or "), limit);
}

/** One published article by its address, or null (a draft is not found). */
export async function getPublishedArticle(db: Db, slug: string) {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const [row] = await db
    .select({
      slug: helpArticle.slug,
      title: helpArticle.title,
      summary: helpArticle.summary,
      theme: helpArticle.theme,
      body: helpArticle.body,
      publishedOn: helpArticle.publishedOn,
    })
    .from(helpArticle)
    .where(and(eq(helpArticle.slug, slug), eq(helpArticle.status, "published")));
  return row ?? null;
}

// ---- Back-office (the route checks the administrateur's permission first) ----

export async function listAllArticles(db: Db) {
  return db
    .select({
      id: helpArticle.id,
      slug: helpArticle.slug,
      title: helpArticle.title,
      theme: helpArticle.theme,
      status: helpArticle.status,
      publishedOn: helpArticle.publishedOn,
      position: helpArticle.position,
    })
    .from(helpArticle)
    .orderBy(asc(helpArticle.theme), asc(helpArticle.position), asc(helpArticle.title))
    .limit(500);
}

export async function getArticleForAdmin(db: Db, id: string) {
  if (!uuidPattern.test(id)) return null;
  const [row] = await db.select().from(helpArticle).where(eq(helpArticle.id, id));
  return row ?? null;
}

function columnsOf(input: ArticleInput) {
  return {
    ...input,
    titlePlain: foldAccents(input.title),
    textPlain: `${foldAccents(input.summary)} ${searchableText(input.body)}`,
  };
}

export type SaveResult = { ok: true; id: string } | { ok: false; field: "slug"; message: string };

const slugTaken = { ok: false, field: "slug", message: "Un autre article a déjà cette adresse." } as const;

/** A new article, as a draft. */
export async function createArticle(
  db: Db,
  admin: AdvisorViewer,
  input: ArticleInput,
  ip: string,
): Promise<SaveResult> {
  try {
    const [row] = await db
      .insert(helpArticle)
      .values({ ...columnsOf(input), status: "draft", createdBy: admin.userId, updatedBy: admin.userId })
      .returning({ id: helpArticle.id });
    await audit(db, admin, ip, row!.id, "created");
    return { ok: true, id: row!.id };
  } catch (error) {
    if (isUniqueViolation(error)) return slugTaken;
    throw error;
  }
}

/** Saves an article's text; a published article stays published (its date does not move). */
export async function updateArticle(
  db: Db,
  admin: AdvisorViewer,
  id: string,
  input: ArticleInput,
  ip: string,
): Promise<SaveResult | null> {
  if (!uuidPattern.test(id)) return null;
  try {
    const changed = await db
      .update(helpArticle)
      .set({ ...columnsOf(input), updatedBy: admin.userId, updatedAt: sql`now()` })
      .where(eq(helpArticle.id, id))
      .returning({ id: helpArticle.id });
    if (changed.length === 0) return null;
    cache.delete(db);
    await audit(db, admin, ip, id, "updated");
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return slugTaken;
    throw error;
  }
}

/** Publishes (dated today, from the clock) or withdraws an article. False when there is no such article. */
export async function setArticleStatus(
  db: Db,
  admin: AdvisorViewer,
  id: string,
  status: "draft" | "published",
  today: string,
  ip: string,
): Promise<boolean> {
  if (!uuidPattern.test(id)) return false;
  const changed = await db
    .update(helpArticle)
    .set(
      status === "published"
        ? { status, publishedOn: today, updatedBy: admin.userId, updatedAt: sql`now()` }
        : { status, updatedBy: admin.userId, updatedAt: sql`now()` },
    )
    .where(eq(helpArticle.id, id))
    .returning({ id: helpArticle.id });
  if (changed.length === 0) return false;
  cache.delete(db);
  await audit(db, admin, ip, id, status === "published" ? "published" : "unpublished");
  return true;
}

async function audit(db: Db, admin: AdvisorViewer, ip: string, articleId: string, change: string) {
  await recordAudit(db, {
    action: "backoffice.help_article_changed",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details: { articleId, change },
  });
}

/** The demo's articles, published on `today`, once (an address already there is left alone). */
export async function seedHelpArticles(
  db: Db,
  articles: readonly (ArticleInput & { status?: "draft" | "published" })[],
  today: string,
): Promise<number> {
  const rows = await db
    .insert(helpArticle)
    .values(
      articles.map(({ status = "published", ...a }) => ({
        ...columnsOf(a),
        status,
        publishedOn: status === "published" ? today : null,
      })),
    )
    .onConflictDoNothing({ target: helpArticle.slug })
    .returning({ id: helpArticle.id });
  cache.delete(db);
  return rows.length;
}
