// The category list in service: the one an administrateur saved (table message_category_config), else the
// defaults in categories.ts. Read on every messagerie page, so kept a minute per database handle; a save
// clears it here at once (other app servers follow within the minute).
import { eq, sql } from "drizzle-orm";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { defaultMessageCategories, findSubject, type MessageCatalog, parseMessageCategories } from "./categories.ts";
import { messageCategoryConfig, messageThread } from "./schema.ts";

const cacheMs = 60_000;
const cache = new WeakMap<Db, { at: number; catalog: MessageCatalog }>();

export async function getMessageCatalog(db: Db): Promise<MessageCatalog> {
  const hit = cache.get(db);
  if (hit && performance.now() - hit.at < cacheMs) return hit.catalog;
  const [row] = await db
    .select({ categories: messageCategoryConfig.categories })
    .from(messageCategoryConfig)
    .where(eq(messageCategoryConfig.id, 1));
  // A stored list is re-checked on the way out: a bad row never breaks the messagerie, it falls back.
  const stored = row ? parseMessageCategories(JSON.stringify(row.categories)) : null;
  const catalog = stored?.ok ? stored.catalog : defaultMessageCategories;
  cache.set(db, { at: performance.now(), catalog });
  return catalog;
}

/**
 * Replaces the list. Refused, with the reasons, when the JSON is wrong or when a category or subject already
 * used by a thread would disappear (its threads would lose their labels): rename labels, keep keys.
 */
export async function saveMessageCatalog(
  db: Db,
  admin: AdvisorViewer,
  json: string,
  ip: string,
): Promise<{ ok: true } | { ok: false; issues: string[] }> {
  const checked = parseMessageCategories(json);
  if (!checked.ok) return checked;
  const used = await db
    .selectDistinct({ category: messageThread.category, subject: messageThread.subject })
    .from(messageThread);
  const missing = used.filter(
    (u) =>
      !findSubject(
        checked.catalog.find((c) => c.key === u.category),
        u.subject,
      ),
  );
  if (missing.length > 0) {
    return {
      ok: false,
      issues: missing.map(
        (m) => `${m.category} / ${m.subject} : des messages utilisent cette catégorie et cet objet, gardez leurs clés`,
      ),
    };
  }
  await db
    .insert(messageCategoryConfig)
    .values({ id: 1, categories: checked.catalog, updatedBy: admin.userId, updatedAt: sql`now()` })
    .onConflictDoUpdate({
      target: messageCategoryConfig.id,
      set: { categories: checked.catalog, updatedBy: admin.userId, updatedAt: sql`now()` },
    });
  cache.delete(db);
  await recordAudit(db, {
    action: "backoffice.categories_changed",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details: { categories: checked.catalog.length },
  });
  return { ok: true };
}
