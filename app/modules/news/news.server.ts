// News: written and withdrawn by an administrateur (audited), read by every member on the dashboard.
import { and, desc, eq, gte, isNull, lte, or } from "drizzle-orm";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import type { NewsInput } from "./news-form.ts";
import { newsItem } from "./schema.ts";

type NewsRows = Awaited<ReturnType<typeof queryCurrentNews>>;

// Every dashboard shows the same news: kept a minute per database handle (another app server sees a change
// within that minute; this one at once, as writes clear it).
const cacheMs = 60_000;
const cache = new WeakMap<Db, { today: string; at: number; rows: NewsRows }>();

/** What members see today: published, not expired, newest first (the dashboard shows the first three). */
export async function listCurrentNews(db: Db, today: string): Promise<NewsRows> {
  const hit = cache.get(db);
  if (hit && hit.today === today && performance.now() - hit.at < cacheMs) return hit.rows;
  const rows = await queryCurrentNews(db, today, 20);
  cache.set(db, { today, at: performance.now(), rows });
  return rows;
}

function queryCurrentNews(db: Db, today: string, limit: number) {
  return db
    .select({ id: newsItem.id, title: newsItem.title, body: newsItem.body, publishFrom: newsItem.publishFrom })
    .from(newsItem)
    .where(and(lte(newsItem.publishFrom, today), or(isNull(newsItem.publishUntil), gte(newsItem.publishUntil, today))))
    .orderBy(desc(newsItem.publishFrom), desc(newsItem.createdAt))
    .limit(limit);
}

export async function listAllNews(db: Db) {
  return db.select().from(newsItem).orderBy(desc(newsItem.publishFrom), desc(newsItem.createdAt)).limit(200);
}

export async function createNews(db: Db, admin: AdvisorViewer, input: NewsInput, ip: string): Promise<void> {
  const [row] = await db
    .insert(newsItem)
    .values({ ...input, createdBy: admin.userId })
    .returning({ id: newsItem.id });
  cache.delete(db);
  await recordAudit(db, {
    action: "backoffice.news_changed",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details: { newsId: row!.id, change: "created" },
  });
}

export async function deleteNews(db: Db, admin: AdvisorViewer, id: string, ip: string): Promise<boolean> {
  if (!uuidPattern.test(id)) return false;
  const gone = await db.delete(newsItem).where(eq(newsItem.id, id)).returning({ id: newsItem.id });
  if (gone.length === 0) return false;
  cache.delete(db);
  await recordAudit(db, {
    action: "backoffice.news_changed",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details: { newsId: id, change: "deleted" },
  });
  return true;
}
