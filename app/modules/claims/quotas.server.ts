// What one household can store and send (issue 17, item 11), so that one member can neither fill the disk
// nor flood the advisors' queue. Limits come from the environment (env.server.ts, docs/operations.md
// "Quotas"). Rate limits live in the database (rate_limit, like sign-in throttling) so every app server
// behind the load balancer counts the same way.
import { and, count, eq, gt, sql } from "drizzle-orm";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimit } from "../accounts/schema.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { message, messageFile } from "../messaging/schema.ts";
import { AppError } from "../shared/app-error.ts";
import type { StoredUpload } from "./attachments.server.ts";
import { claimDraft } from "./schema.ts";
import { requestFile } from "../requests/schema.ts";

export interface HouseholdQuotas {
  uploadBytesPer30Days: number;
  maxDrafts: number;
  draftRetentionDays: number;
  draftsPerHour: number;
  messagesPerHour: number;
  requestsPerHour: number;
}

export function quotasFromEnv(env: {
  HOUSEHOLD_UPLOAD_MB_PER_30_DAYS: number;
  HOUSEHOLD_MAX_DRAFTS: number;
  DRAFT_RETENTION_DAYS: number;
  HOUSEHOLD_DRAFTS_PER_HOUR: number;
  HOUSEHOLD_MESSAGES_PER_HOUR: number;
  HOUSEHOLD_REQUESTS_PER_HOUR: number;
}): HouseholdQuotas {
  return {
    uploadBytesPer30Days: env.HOUSEHOLD_UPLOAD_MB_PER_30_DAYS * 1024 * 1024,
    maxDrafts: env.HOUSEHOLD_MAX_DRAFTS,
    draftRetentionDays: env.DRAFT_RETENTION_DAYS,
    draftsPerHour: env.HOUSEHOLD_DRAFTS_PER_HOUR,
    messagesPerHour: env.HOUSEHOLD_MESSAGES_PER_HOUR,
    requestsPerHour: env.HOUSEHOLD_REQUESTS_PER_HOUR,
  };
}

export type RateKind = "draft" | "message" | "request";

const refusals: Record<RateKind, string> = {
  draft: "Vous avez commencé beaucoup de demandes de remboursement en peu de temps",
  message: "Vous avez envoyé beaucoup de messages en peu de temps",
  request: "Vous avez envoyé beaucoup de démarches en peu de temps",
};

/** Per-household hourly limits, shared by every app server through the database. */
export function createHouseholdLimiter(db: Db, quotas: HouseholdQuotas) {
  const make = (kind: RateKind, points: number) =>
    new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimit,
      keyPrefix: `household-${kind}`,
      points,
      duration: 3600,
      clearExpiredByTimeout: false,
    });
  const limiters: Record<RateKind, RateLimiterDrizzle> = {
    draft: make("draft", quotas.draftsPerHour),
    message: make("message", quotas.messagesPerHour),
    request: make("request", quotas.requestsPerHour),
  };
  return {
    /** Counts one; throws a French 429 when the household has reached the hour's limit. */
    async consume(kind: RateKind, viewer: MemberViewer): Promise<void> {
      try {
        await limiters[kind].consume(viewer.householdId);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
        throw new AppError(
          "rate_limited",
          `${refusals[kind]} : par sécurité, réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}. En cas d'urgence, appelez votre mutuelle.`,
          429,
        );
      }
    },
  };
}

export type HouseholdLimiter = ReturnType<typeof createHouseholdLimiter>;

const thirtyDaysMs = 30 * 24 * 60 * 60 * 1000;

/** Bytes the household uploaded over the last 30 days: claim and démarche files, and its own messages' files. */
export async function recentUploadBytes(db: Db, householdId: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - thirtyDaysMs);
  const [files] = await db
    .select({ bytes: sql<string>`coalesce(sum(${requestFile.sizeBytes}), 0)` })
    .from(requestFile)
    .where(and(eq(requestFile.householdId, householdId), gt(requestFile.createdAt, since)));
  const [messages] = await db
    .select({ bytes: sql<string>`coalesce(sum(${messageFile.sizeBytes}), 0)` })
    .from(messageFile)
    .innerJoin(message, eq(message.id, messageFile.messageId))
    .where(
      and(eq(messageFile.householdId, householdId), eq(message.author, "member"), gt(messageFile.createdAt, since)),
    );
  return Number(files!.bytes) + Number(messages!.bytes);
}

function quotaExceeded(quotas: HouseholdQuotas): AppError {
  const mb = Math.round(quotas.uploadBytesPer30Days / 1024 / 1024);
  return new AppError(
    "quota_exceeded",
    `Votre foyer a envoyé plus de ${mb} Mo de fichiers ces 30 derniers jours : ce fichier n'est pas accepté. Envoyez des fichiers plus légers (un PDF plutôt qu'une photo) ou contactez votre mutuelle.`,
    413,
  );
}

/**
 * Before an upload is read: refuses at once (413) a body that cannot fit in what is left of the quota, from
 * its declared length. The stored files are checked again, exactly, by assertWithinUploadQuota.
 */
export async function refuseUploadOverQuota(
  db: Db,
  viewer: MemberViewer,
  quotas: HouseholdQuotas,
  request: Request,
): Promise<void> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  const used = await recentUploadBytes(db, viewer.householdId);
  // The multipart framing and text fields are a few kilobytes: never counted against the member.
  if (used + Math.max(0, declared - 64 * 1024) > quotas.uploadBytesPer30Days) throw quotaExceeded(quotas);
}

/** After the files are stored, before their rows are written: their real sizes against the quota. */
export async function assertWithinUploadQuota(
  db: Db,
  viewer: MemberViewer,
  quotas: HouseholdQuotas,
  stored: StoredUpload[],
): Promise<void> {
  if (stored.length === 0) return;
  const used = await recentUploadBytes(db, viewer.householdId);
  const adding = stored.reduce((total, s) => total + s.sizeBytes, 0);
  if (used + adding > quotas.uploadBytesPer30Days) throw quotaExceeded(quotas);
}

/** Refuses a new draft when the household already has the maximum open. */
export async function assertDraftQuota(db: Db, viewer: MemberViewer, quotas: HouseholdQuotas): Promise<void> {
  const [open] = await db.select({ n: count() }).from(claimDraft).where(eq(claimDraft.householdId, viewer.householdId));
  if (open!.n >= quotas.maxDrafts) {
    throw new AppError(
      "too_many_drafts",
      `Vous avez déjà ${quotas.maxDrafts} demandes de remboursement en cours de saisie : terminez-en une (ou laissez-la expirer après ${quotas.draftRetentionDays} jours) avant d'en commencer une autre.`,
      429,
    );
  }
}
