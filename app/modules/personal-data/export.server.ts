// "Télécharger mes données" (GDPR art. 15 and 20): everything held about the household in one ZIP archive,
// prepared in the background and announced by e-mail, downloadable by the member for a week, then deleted.
//
// Memory stays flat whatever the household's size: the archive is written as a stream (yazl) straight to a
// file, each entry opened only when its turn comes (addReadStreamLazy), the JSON of long lists written page
// by page from the database, attachments piped from disk, one PDF built at a time.
//
// The format (folders, JSON shapes) is documented in docs/personal-data.md and versioned by `formatVersion`:
// fields are added, never renamed or removed, without a new version.
import { randomBytes } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { and, asc, desc, eq, gt, inArray, lt, or } from "drizzle-orm";
import yazl from "yazl";
import { user } from "../accounts/schema.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Brand } from "../config/brand.server.ts";
import type { Db } from "../db/client.server.ts";
import { household, person } from "../households/schema.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import type { Logger } from "../shared/logger.server.ts";
import { dataExport } from "./schema.ts";
import type { ObjectStorage } from "../storage/storage.server.ts";
import { addEntries } from "./export-archive.server.ts";
import { createExportFile, deleteFiles, storedFileSize, type StoredFileRef } from "./storage.server.ts";

export const formatVersion = 1;
/** How long a ready archive stays downloadable (the brand's retention for "export" says the same). */
export const exportRetentionDays = 7;
/** A preparation left "preparing" this long (its server stopped) is taken again by the next run. */
const staleAfterMs = 60 * 60 * 1000;

export interface ExportServices {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  brand: Brand;
  /** The ICS on the échéancier PDFs, the one the mandates carry. */
  env: { SEPA_CREDITOR_ID: string };
  storage: ObjectStorage;
  publicUrl: string;
  logger: Logger;
}

/** The member asks for an archive: one at a time per household (a pending or still valid one is reused). */
export async function requestExport(
  { db, clock }: Pick<ExportServices, "db" | "clock">,
  viewer: MemberViewer,
  ip: string,
): Promise<{ id: string; created: boolean }> {
  const now = clock.now();
  const current = async () =>
    (
      await db
        .select({ id: dataExport.id })
        .from(dataExport)
        .where(
          and(
            eq(dataExport.householdId, viewer.householdId),
            or(
              inArray(dataExport.status, ["pending", "preparing"]),
              and(eq(dataExport.status, "ready"), gt(dataExport.expiresAt, now)),
            ),
          ),
        )
        .limit(1)
    )[0];
  const existing = await current();
  if (existing) return { id: existing.id, created: false };
  let row: { id: string } | undefined;
  try {
    [row] = await db
      .insert(dataExport)
      .values({ householdId: viewer.householdId, requestedBy: viewer.userId, requestedAt: now })
      .returning({ id: dataExport.id });
  } catch (error) {
    // A twin post inserted the household's archive between our check and our insert (the partial unique index
    // data_export_household_open_unique refused ours): that one is the answer.
    if (!isUniqueViolation(error)) throw error;
    const twin = await current();
    if (!twin) throw error;
    return { id: twin.id, created: false };
  }
  await recordAudit(db, {
    action: "personal_data.export_requested",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { exportId: row!.id },
  });
  return { id: row!.id, created: true };
}

export async function listExports({ db, clock }: Pick<ExportServices, "db" | "clock">, viewer: MemberViewer) {
  const rows = await db
    .select({
      id: dataExport.id,
      status: dataExport.status,
      requestedAt: dataExport.requestedAt,
      readyAt: dataExport.readyAt,
      expiresAt: dataExport.expiresAt,
      sizeBytes: dataExport.sizeBytes,
    })
    .from(dataExport)
    .where(eq(dataExport.householdId, viewer.householdId))
    .orderBy(desc(dataExport.requestedAt))
    .limit(5);
  const now = clock.now().getTime();
  return rows.filter((r) => r.status !== "ready" || (r.expiresAt && r.expiresAt.getTime() > now));
}

/** The ready archive of the viewer's household, or null (unknown, another household's, not ready, expired). */
export async function findDownloadableExport(
  { db, clock }: Pick<ExportServices, "db" | "clock">,
  viewer: MemberViewer,
  id: string,
): Promise<{ storedName: string; sizeBytes: number; readyAt: Date } | null> {
  if (!uuidPattern.test(id)) return null;
  const [row] = await db
    .select({ storedName: dataExport.storedName, sizeBytes: dataExport.sizeBytes, readyAt: dataExport.readyAt })
    .from(dataExport)
    .where(
      and(
        eq(dataExport.id, id),
        eq(dataExport.householdId, viewer.householdId),
        eq(dataExport.status, "ready"),
        gt(dataExport.expiresAt, clock.now()),
      ),
    );
  if (!row?.storedName || row.sizeBytes === null || !row.readyAt) return null;
  return { storedName: row.storedName, sizeBytes: row.sizeBytes, readyAt: row.readyAt };
}

/**
 * Prepares one archive: takes it (once, whatever the servers), writes the ZIP, marks it ready and e-mails the
 * member. The job entry point: today called right after the request and by the periodic run
 * (preparePendingExports), tomorrow by the job queue.
 */
export async function prepareExport(services: ExportServices, exportId: string): Promise<boolean> {
  const { db, clock } = services;
  const now = clock.now();
  const [claimed] = await db
    .update(dataExport)
    .set({ status: "preparing", startedAt: now })
    .where(
      and(
        eq(dataExport.id, exportId),
        or(
          eq(dataExport.status, "pending"),
          and(eq(dataExport.status, "preparing"), lt(dataExport.startedAt, new Date(now.getTime() - staleAfterMs))),
        ),
      ),
    )
    .returning({ householdId: dataExport.householdId });
  if (!claimed) return false;
  const storedName = `${randomBytes(24).toString("hex")}.zip`;
  const file = createExportFile(services.storage, storedName);
  try {
    const viewer = await memberViewerOf(db, claimed.householdId);
    const zip = new yazl.ZipFile();
    zip.on("error", (error: Error) => file.stream.destroy(error));
    // Flowing to disk while the entries are added: yazl reads each entry only when the previous one is written.
    const written = pipeline(zip.outputStream, file.stream);
    written.catch(() => {}); // awaited below; an early failure must not be an unhandled rejection
    await addEntries(zip, services, viewer);
    zip.end();
    await written;
    await file.commit();
    const size = (await storedFileSize(services.storage, { area: "exports", storedName })) ?? 0;
    const readyAt = clock.now();
    await db
      .update(dataExport)
      .set({
        status: "ready",
        storedName,
        sizeBytes: size,
        readyAt,
        expiresAt: new Date(readyAt.getTime() + exportRetentionDays * 24 * 60 * 60 * 1000),
      })
      .where(eq(dataExport.id, exportId));
    // The archive is ready whatever happens to its announcement (the outbox retries it; a failure to write
    // the mail is logged, never turns a finished archive into a failed one).
    await tellMemberExportReady(services, viewer).catch((error: unknown) => {
      services.logger.error({ event: "data_export_mail_failed", exportId, err: (error as Error).name });
    });
    return true;
  } catch (error) {
    await file.abort();
    await db.update(dataExport).set({ status: "failed" }).where(eq(dataExport.id, exportId));
    services.logger.error({ event: "data_export_failed", exportId, err: (error as Error).name });
    return false;
  }
}

/** The periodic run: archives asked for and not taken yet (or left by a stopped server). */
export async function preparePendingExports(services: ExportServices): Promise<number> {
  const due = await services.db
    .select({ id: dataExport.id })
    .from(dataExport)
    .where(inArray(dataExport.status, ["pending", "preparing"]))
    .orderBy(asc(dataExport.requestedAt))
    .limit(20);
  let prepared = 0;
  for (const row of due) if (await prepareExport(services, row.id)) prepared++;
  return prepared;
}

/** Archives past their week (and failed attempts) go, files after rows. Harmless twice or on two servers. */
export async function deleteExpiredExports(
  { db, storage }: Pick<ExportServices, "db" | "storage">,
  now: Date,
): Promise<number> {
  const gone = await db
    .delete(dataExport)
    .where(
      or(
        and(eq(dataExport.status, "ready"), lt(dataExport.expiresAt, now)),
        and(eq(dataExport.status, "failed"), lt(dataExport.requestedAt, new Date(now.getTime() - 86_400_000))),
      ),
    )
    .returning({ storedName: dataExport.storedName });
  await deleteFiles(
    storage,
    gone.filter((g) => g.storedName).map((g) => ({ area: "exports", storedName: g.storedName! })),
  );
  return gone.length;
}

/** In an erasure's transaction: the household's archives; their files go after the commit. */
export async function deleteHouseholdExports(tx: Db, householdId: string): Promise<StoredFileRef[]> {
  const gone = await tx
    .delete(dataExport)
    .where(eq(dataExport.householdId, householdId))
    .returning({ storedName: dataExport.storedName });
  return gone.filter((g) => g.storedName).map((g) => ({ area: "exports" as const, storedName: g.storedName! }));
}

async function tellMemberExportReady(services: ExportServices, viewer: MemberViewer): Promise<void> {
  const [member] = await services.db.select({ email: user.email }).from(user).where(eq(user.id, viewer.userId));
  if (!member) return;
  await services.mailer.send({
    to: member.email,
    subject: "Vos données sont prêtes à être téléchargées",
    text:
      `Bonjour ${viewer.firstName},\n\nL'archive de vos données personnelles que vous avez demandée est prête.\n` +
      `Connectez-vous pour la télécharger, pendant ${exportRetentionDays} jours : ` +
      `${services.publicUrl}/mon-compte/donnees-personnelles\n\nVotre mutuelle`,
  });
}

async function memberViewerOf(db: Db, householdId: string): Promise<MemberViewer> {
  const [row] = await db
    .select({
      userId: person.userId,
      personId: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      memberNumber: household.memberNumber,
      coverageLevel: household.coverageLevel,
    })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .where(and(eq(person.householdId, householdId), eq(person.role, "member")));
  if (!row?.userId) throw new AppError("no_member", "Adhérent introuvable.", 404);
  return { kind: "member", sessionId: "", householdId, unreadMessages: 0, ...row, userId: row.userId };
}
