// News: written and withdrawn by an administrateur (audited), read by every member on the dashboard.
import { and, desc, eq, gte, isNull, lte, or } from "drizzle-orm";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import type { NewsInput } from "./news-form.ts";
import { newsItem } from "./schema.ts";

/** What members see today: published, not expired, newest first, three at most. */
export async function listCurrentNews(db: Db, today: string, limit = 3) {
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
  const [row] = await db.insert(newsItem).values({ ...input, createdBy: admin.userId }).returning({ id: newsItem.id });
  await recordAudit(db, { action: "backoffice.news_changed", outcome: "success", actorUserId: admin.userId, ipAddress: ip, details: { newsId: row!.id, change: "created" } });
}

export async function deleteNews(db: Db, admin: AdvisorViewer, id: string, ip: string): Promise<boolean> {
  if (!uuidPattern.test(id)) return false;
  const gone = await db.delete(newsItem).where(eq(newsItem.id, id)).returning({ id: newsItem.id });
  if (gone.length === 0) return false;
  await recordAudit(db, { action: "backoffice.news_changed", outcome: "success", actorUserId: admin.userId, ipAddress: ip, details: { newsId: id, change: "deleted" } });
  return true;
}
