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
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import yazl from "yazl";
import { user } from "../accounts/schema.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { auditLog } from "../audit/schema.ts";
import { describeAdvisorAccess } from "../back-office/access-labels.ts";
import { requestEvent, requestFile } from "../claims/schema.ts";
import type { Clock } from "../clock/index.ts";
import type { Brand } from "../config/brand.server.ts";
import type { Db } from "../db/client.server.ts";
import { renderCardPdf } from "../documents/card-pdf.server.ts";
import { cardYears } from "../documents/card.ts";
import {
  renderPremiumSchedulePdf,
  renderRightsCertificatePdf,
  renderTaxCertificatePdf,
} from "../documents/contract-pdfs.server.ts";
import { getCard } from "../documents/member-documents.server.ts";
import { premiumSchedule } from "../documents/premium-schedule.ts";
import { getContractFacts } from "../documents/queries.server.ts";
import { memberDocument } from "../documents/schema.ts";
import { paidDebits, taxCertificateYears } from "../documents/tax-certificate.ts";
import { bankAccount, household, person } from "../households/schema.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { message, messageFile, messageThread } from "../messaging/schema.ts";
import { listPaymentsForExport } from "../reimbursements/queries.server.ts";
import { reimbursementLine } from "../reimbursements/schema.ts";
import { renderStatementPdf } from "../reimbursements/statement-pdf.server.ts";
import { memberRequest } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { confidentialCareType } from "../shared/care-types.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import type { Logger } from "../shared/logger.server.ts";
import { dataExport } from "./schema.ts";
import type { ObjectStorage } from "../storage/storage.server.ts";
import { createExportFile, deleteFiles, openStoredFile, storedFileSize, type StoredFileRef } from "./storage.server.ts";

export const formatVersion = 1;
/** How long a ready archive stays downloadable (the brand's retention for "export" says the same). */
export const exportRetentionDays = 7;
/** A preparation left "preparing" this long (its server stopped) is taken again by the next run. */
const staleAfterMs = 60 * 60 * 1000;
const pageSize = 500;

export interface ExportServices {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  brand: Brand;
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
  const [current] = await db
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
    .limit(1);
  if (current) return { id: current.id, created: false };
  const [row] = await db
    .insert(dataExport)
    .values({ householdId: viewer.householdId, requestedBy: viewer.userId, requestedAt: now })
    .returning({ id: dataExport.id });
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
    await tellMemberExportReady(services, viewer);
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

// ---------------------------------------------------------------------------------------------------------
// The archive's entries.

/** A JSON array written page by page: `[` + items joined by commas + `]`, each page read when needed. */
function jsonArray<T>(readPage: (offset: number) => Promise<T[]>): Readable {
  return Readable.from(
    (async function* () {
      yield "[\n";
      let offset = 0;
      let first = true;
      for (;;) {
        const rows = await readPage(offset);
        for (const row of rows) {
          yield `${first ? "" : ",\n"}${JSON.stringify(row)}`;
          first = false;
        }
        if (rows.length < pageSize) break;
        offset += rows.length;
      }
      yield "\n]\n";
    })(),
    { objectMode: false },
  );
}

function lazy(zip: yazl.ZipFile, path: string, open: () => Promise<Readable> | Readable, compress = true): void {
  zip.addReadStreamLazy(path, { compress }, (cb) => {
    Promise.resolve()
      .then(open)
      .then(
        (stream) => cb(null, stream),
        (error: unknown) => cb(error, undefined as unknown as Readable),
      );
  });
}

const json = (value: unknown) => Readable.from([JSON.stringify(value, null, 2) + "\n"]);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** A name safe in any file system, kept readable. */
const safe = (name: string) =>
  Array.from(
    name
      .normalize("NFC")
      .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, "_")
      .replace(/^\.+/, "_"),
  )
    .slice(0, 100)
    .join("") || "fichier";

async function addEntries(zip: yazl.ZipFile, services: ExportServices, viewer: MemberViewer): Promise<void> {
  const { db, brand, clock } = services;
  const h = viewer.householdId;
  const today = clock.today();

  zip.addBuffer(Buffer.from(readme(brand.name, today), "utf8"), "LISEZMOI.txt");
  lazy(zip, "donnees/export.json", () =>
    json({ formatVersion, generatedOn: today, memberNumber: viewer.memberNumber }),
  );
  lazy(zip, "donnees/foyer.json", async () => json(await householdJson(db, h)));
  lazy(zip, "donnees/coordonnees-bancaires.json", async () =>
    json(
      await db
        .select({ holderName: bankAccount.holderName, ibanMasked: bankAccount.ibanMasked })
        .from(bankAccount)
        .where(eq(bankAccount.householdId, h))
        .orderBy(asc(bankAccount.createdAt)),
    ),
  );
  lazy(zip, "donnees/remboursements.json", () => jsonArray((offset) => reimbursementPage(db, h, offset)));
  lazy(zip, "donnees/demarches.json", () => jsonArray((offset) => requestPage(db, h, offset)));
  lazy(zip, "donnees/messagerie.json", () => jsonArray((offset) => threadPage(db, h, offset)));
  lazy(zip, "donnees/documents.json", async () =>
    json(
      (
        await db
          .select({
            kind: memberDocument.kind,
            year: memberDocument.year,
            title: memberDocument.title,
            createdAt: memberDocument.createdAt,
          })
          .from(memberDocument)
          .where(eq(memberDocument.householdId, h))
          .orderBy(asc(memberDocument.createdAt))
      ).map((d) => ({ ...d, createdAt: iso(d.createdAt) })),
    ),
  );
  lazy(zip, "donnees/connexions.json", () =>
    jsonArray(async (offset) =>
      (
        await db
          .select({ at: auditLog.at, action: auditLog.action, outcome: auditLog.outcome, ip: auditLog.ipAddress })
          .from(auditLog)
          .where(and(eq(auditLog.actorUserId, viewer.userId), sql`${auditLog.action} like 'auth.%'`))
          .orderBy(asc(auditLog.id))
          .limit(pageSize)
          .offset(offset)
      ).map((r) => ({ at: iso(r.at), event: r.action, outcome: r.outcome, ipAddress: r.ip })),
    ),
  );
  lazy(zip, "donnees/acces-conseillers.json", () =>
    jsonArray(async (offset) =>
      (
        await db
          .select({ at: auditLog.at, action: auditLog.action, details: auditLog.details, name: user.name })
          .from(auditLog)
          .leftJoin(user, eq(user.id, auditLog.actorUserId))
          .where(
            and(
              eq(auditLog.householdId, h),
              eq(auditLog.outcome, "success"),
              inArray(auditLog.action, ["backoffice.member_view", "message.advisor_view"]),
            ),
          )
          .orderBy(asc(auditLog.id))
          .limit(pageSize)
          .offset(offset)
      ).map((r) => ({
        at: iso(r.at),
        advisorName: r.name ?? "Un conseiller",
        what: describeAdvisorAccess(r.action, r.details),
      })),
    ),
  );

  await addPdfs(zip, services, viewer, today);

  // The attachments: démarches' (sent by the member), then the messagerie's. Only their names are read here.
  const requestFiles = await db
    .select({ reference: memberRequest.reference, name: requestFile.originalName, storedName: requestFile.storedName })
    .from(requestFile)
    .innerJoin(memberRequest, eq(memberRequest.id, requestFile.requestId))
    .where(and(eq(requestFile.householdId, h), eq(requestFile.quarantined, false), notConfidentialRequest))
    .orderBy(asc(memberRequest.createdAt), asc(requestFile.createdAt));
  const onDisk = async <T extends { storedName: string }>(files: T[], area: StoredFileRef["area"]) => {
    const kept: T[] = [];
    // A file lost from the disk (restored database) is left out rather than failing the whole archive.
    for (const f of files)
      if ((await storedFileSize(services.storage, { area, storedName: f.storedName })) !== null) kept.push(f);
    return kept;
  };
  (await onDisk(requestFiles, "demandes")).forEach((f, i) =>
    lazy(
      zip,
      `pieces-jointes/demarches/${f.reference}/${i + 1}-${safe(f.name)}`,
      () => openStoredFile(services.storage, { area: "demandes", storedName: f.storedName }),
      false,
    ),
  );
  const messageFiles = await db
    .select({ threadId: message.threadId, name: messageFile.originalName, storedName: messageFile.storedName })
    .from(messageFile)
    .innerJoin(message, eq(message.id, messageFile.messageId))
    .innerJoin(messageThread, eq(messageThread.id, message.threadId))
    .where(and(eq(messageFile.householdId, h), eq(messageFile.quarantined, false), isNull(messageThread.personId)))
    .orderBy(asc(messageFile.createdAt));
  (await onDisk(messageFiles, "messagerie")).forEach((f, i) =>
    lazy(
      zip,
      `pieces-jointes/messagerie/${f.threadId}/${i + 1}-${safe(f.name)}`,
      () => openStoredFile(services.storage, { area: "messagerie", storedName: f.storedName }),
      false,
    ),
  );
}

async function addPdfs(zip: yazl.ZipFile, services: ExportServices, viewer: MemberViewer, today: string) {
  const { db, brand } = services;
  const facts = await getContractFacts(db, viewer);
  const pdf = (path: string, build: () => Promise<Buffer>) =>
    lazy(zip, `pdf/${path}`, async () => Readable.from([await build()]), false);
  for (const year of cardYears(facts, today)) {
    pdf(`carte-tiers-payant-${year}.pdf`, async () => {
      const card = await getCard(db, brand, viewer, year, today);
      if (!card) throw new Error("card");
      return renderCardPdf(card, brand.name);
    });
    pdf(`echeancier-cotisations-${year}.pdf`, () =>
      renderPremiumSchedulePdf(facts, {
        brandName: brand.name,
        year,
        creditorId: brand.amc.sepaCreditorId,
        debits: premiumSchedule({
          year,
          monthlyCents: facts.premiumMonthlyCents,
          debitDay: brand.amc.debitDay,
          coverageStart: facts.coverageStart,
          coverageEnd: facts.coverageEnd,
        }),
      }),
    );
  }
  pdf(`attestation-de-droits-${today}.pdf`, () =>
    renderRightsCertificatePdf(facts, { brandName: brand.name, today, responsible: brand.amc.responsible }),
  );
  for (const year of taxCertificateYears(facts, today)) {
    pdf(`attestation-cotisations-${year}.pdf`, () =>
      renderTaxCertificatePdf(facts, {
        brandName: brand.name,
        year,
        issuedOn: today,
        debits: paidDebits(
          {
            year,
            monthlyCents: facts.premiumMonthlyCents,
            debitDay: brand.amc.debitDay,
            coverageStart: facts.coverageStart,
            coverageEnd: facts.coverageEnd,
          },
          today,
        ),
      }),
    );
  }
  // One statement of reimbursements per year that has payments.
  const years = await db
    .selectDistinct({ year: sql<string>`to_char(${reimbursementLine.paymentDate}, 'YYYY')` })
    .from(reimbursementLine)
    .where(eq(reimbursementLine.householdId, viewer.householdId));
  for (const { year } of years.sort((a, b) => a.year.localeCompare(b.year))) {
    const from = `${year}-01-01`;
    const to = year === today.slice(0, 4) ? today : `${year}-12-31`;
    pdf(`releve-prestations-${year}.pdf`, async () =>
      renderStatementPdf({
        brandName: brand.name,
        memberName: `${viewer.firstName} ${viewer.lastName}`,
        memberNumber: viewer.memberNumber,
        beneficiaryName: null,
        from,
        to,
        generatedOn: today,
        lines: await listPaymentsForExport(db, viewer, { from, to }),
      }),
    );
  }
}

async function householdJson(db: Db, householdId: string) {
  const [home] = await db
    .select({
      memberNumber: household.memberNumber,
      coverageLevel: household.coverageLevel,
      coverageStart: household.coverageStart,
      coverageEnd: household.coverageEnd,
      premiumMonthlyCents: household.premiumMonthlyCents,
      sepaMandateRef: household.sepaMandateRef,
      addressLine1: household.addressLine1,
      addressLine2: household.addressLine2,
      postalCode: household.postalCode,
      city: household.city,
      phone: household.phone,
    })
    .from(household)
    .where(eq(household.id, householdId));
  const people = await db
    .select({
      externalRef: person.externalRef,
      role: person.role,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      coverageStart: person.coverageStart,
      coverageEnd: person.coverageEnd,
      email: user.email,
    })
    .from(person)
    .leftJoin(user, eq(user.id, person.userId))
    .where(eq(person.householdId, householdId))
    .orderBy(asc(person.externalRef));
  return {
    contract: home,
    // Only the holder's own sign-in address: a beneficiary's own access is theirs, not the holder's to export.
    people: people.map(({ email, ...p }) => (email && p.role === "member" ? { ...p, email } : p)),
  };
}

/** A démarche for a person whose care is confidential stays out of the holder's archive (with its files). */
const notConfidentialRequest = sql`not exists (select 1 from ${person} where ${person.id} = ${memberRequest.beneficiaryId} and ${person.careConfidential})`;

async function reimbursementPage(db: Db, householdId: string, offset: number) {
  return db
    .select({
      sourceLineId: reimbursementLine.sourceLineId,
      beneficiaryRef: person.externalRef,
      // A beneficiary who asked for the confidentiality of their care: the holder's archive, like the holder's
      // pages, has only the amounts paid for them (their own space gives them the rest).
      careType: sql<string>`case when ${person.careConfidential} then ${sql.raw(`'${confidentialCareType}'`)} else ${reimbursementLine.careType} end`,
      careDate: reimbursementLine.careDate,
      professionalName: sql<
        string | null
      >`case when ${person.careConfidential} then null else ${reimbursementLine.professionalName} end`,
      quantity: reimbursementLine.quantity,
      chargedCents: reimbursementLine.chargedCents,
      baseCents: reimbursementLine.baseCents,
      amoCents: reimbursementLine.amoCents,
      amcCents: reimbursementLine.amcCents,
      remainingCents: reimbursementLine.remainingCents,
      guaranteeLabel: sql<
        string | null
      >`case when ${person.careConfidential} then null else ${reimbursementLine.guaranteeLabel} end`,
      paidTo: reimbursementLine.paidTo,
      paymentDate: reimbursementLine.paymentDate,
    })
    .from(reimbursementLine)
    .innerJoin(person, eq(person.id, reimbursementLine.beneficiaryId))
    .where(eq(reimbursementLine.householdId, householdId))
    .orderBy(asc(reimbursementLine.paymentDate), asc(reimbursementLine.id))
    .limit(pageSize)
    .offset(offset);
}

async function requestPage(db: Db, householdId: string, offset: number) {
  const rows = await db
    .select({
      id: memberRequest.id,
      reference: memberRequest.reference,
      kind: memberRequest.kind,
      status: memberRequest.status,
      subject: memberRequest.subject,
      careType: memberRequest.careType,
      careDate: memberRequest.careDate,
      amountCents: memberRequest.amountCents,
      paidCents: memberRequest.paidCents,
      decisionReason: memberRequest.decisionReason,
      createdAt: memberRequest.createdAt,
    })
    .from(memberRequest)
    .where(and(eq(memberRequest.householdId, householdId), notConfidentialRequest))
    .orderBy(asc(memberRequest.createdAt), asc(memberRequest.id))
    .limit(pageSize)
    .offset(offset);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const events = await db
    .select({
      requestId: requestEvent.requestId,
      at: requestEvent.at,
      status: requestEvent.status,
      note: requestEvent.note,
    })
    .from(requestEvent)
    .where(inArray(requestEvent.requestId, ids))
    .orderBy(asc(requestEvent.at), asc(requestEvent.id));
  const files = await db
    .select({
      requestId: requestFile.requestId,
      name: requestFile.originalName,
      mimeType: requestFile.mimeType,
      sizeBytes: requestFile.sizeBytes,
    })
    .from(requestFile)
    .where(and(inArray(requestFile.requestId, ids), isNotNull(requestFile.requestId)))
    .orderBy(asc(requestFile.createdAt));
  return rows.map(({ id, createdAt, ...r }) => ({
    ...r,
    createdAt: iso(createdAt),
    events: events.filter((e) => e.requestId === id).map((e) => ({ at: iso(e.at), status: e.status, note: e.note })),
    files: files.filter((f) => f.requestId === id).map(({ requestId: _requestId, ...f }) => f),
  }));
}

async function threadPage(db: Db, householdId: string, offset: number) {
  const threads = await db
    .select({
      id: messageThread.id,
      category: messageThread.category,
      subject: messageThread.subject,
      createdAt: messageThread.createdAt,
    })
    .from(messageThread)
    // A beneficiary's own threads (written from their own access) are theirs, not the holder's.
    .where(and(eq(messageThread.householdId, householdId), isNull(messageThread.personId)))
    .orderBy(asc(messageThread.createdAt), asc(messageThread.id))
    .limit(pageSize)
    .offset(offset);
  if (threads.length === 0) return [];
  const ids = threads.map((t) => t.id);
  const messages = await db
    .select({
      id: message.id,
      threadId: message.threadId,
      author: message.author,
      body: message.body,
      at: message.createdAt,
    })
    .from(message)
    .where(inArray(message.threadId, ids))
    .orderBy(asc(message.createdAt), asc(message.id));
  const files = await db
    .select({
      messageId: messageFile.messageId,
      name: messageFile.originalName,
      mimeType: messageFile.mimeType,
      sizeBytes: messageFile.sizeBytes,
    })
    .from(messageFile)
    .where(eq(messageFile.householdId, householdId));
  return threads.map((t) => ({
    id: t.id,
    category: t.category,
    subject: t.subject,
    createdAt: iso(t.createdAt),
    messages: messages
      .filter((m) => m.threadId === t.id)
      .map((m) => ({
        author: m.author,
        at: iso(m.at),
        body: m.body,
        files: files.filter((f) => f.messageId === m.id).map(({ messageId: _messageId, ...f }) => f),
      })),
  }));
}

function readme(brandName: string, today: string): string {
  return [
    `Vos données personnelles — ${brandName}`,
    `Archive préparée le ${today.split("-").reverse().join("/")} (format ${formatVersion}).`,
    "",
    "donnees/        vos données, un fichier JSON par type (UTF-8) :",
    "  export.json               version du format, date, numéro d'adhérent",
    "  foyer.json                contrat, adresse, téléphone, personnes couvertes",
    "  coordonnees-bancaires.json  comptes (IBAN masqué)",
    "  remboursements.json       vos remboursements (montants en centimes d'euro)",
    "  demarches.json            vos démarches, leurs étapes et les pièces envoyées",
    "  messagerie.json           vos conversations avec votre mutuelle",
    "  documents.json            les documents mis à votre disposition",
    "  connexions.json           l'historique de vos connexions",
    "  acces-conseillers.json    les consultations de votre dossier par un conseiller",
    "pdf/            carte de tiers payant, attestations, échéanciers, relevés de prestations",
    "pieces-jointes/ les fichiers que vous avez envoyés (démarches, messagerie)",
    "",
    "Les dates sont au format AAAA-MM-JJ, les instants en UTC (ISO 8601).",
    "",
  ].join("\n");
}
