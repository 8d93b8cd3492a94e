// The archive itself: a ZIP written as a stream (yazl), each entry opened only when its turn comes, so memory
// stays flat whatever the household's size; one PDF built at a time; attachments piped from the storage.
import { Readable } from "node:stream";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import yazl from "yazl";
import { knownDevice, user } from "../accounts/schema.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { auditLog } from "../audit/schema.ts";
import { describeAdvisorAccess } from "../back-office/access-labels.ts";
import { renderCardPdf } from "../documents/card-pdf.server.ts";
import { cardYears } from "../documents/card.ts";
import {
  renderPremiumSchedulePdf,
  renderRightsCertificatePdf,
  renderTaxCertificatePdf,
} from "../documents/contract-pdfs.server.ts";
import { getCard } from "../documents/member-documents.server.ts";
import { premiumSchedule } from "../documents/premium-schedule.ts";
import { scheduleInput } from "../documents/yearly-debits.server.ts";
import { getContractFacts } from "../documents/queries.server.ts";
import { memberDocument } from "../documents/schema.ts";
import { paidDebits, taxCertificateYears } from "../documents/tax-certificate.ts";
import { bankAccount } from "../households/schema.ts";
import { message, messageFile, messageThread } from "../messaging/schema.ts";
import { listPaymentsForExport } from "../reimbursements/queries.server.ts";
import { reimbursementLine } from "../reimbursements/schema.ts";
import { renderStatementPdf } from "../reimbursements/statement-pdf.server.ts";
import { memberRequest, requestFile } from "../requests/schema.ts";
import { pushSubscription } from "../notifications/schema.ts";
import { openStoredFile, storedFileSize, type StoredFileRef } from "./storage.server.ts";
import {
  exportPageSize,
  householdJson,
  iso,
  notConfidentialRequest,
  reimbursementPage,
  requestPage,
  threadPage,
} from "./export-data.server.ts";
import { type ExportServices, formatVersion } from "./export.server.ts";

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
        if (rows.length < exportPageSize) break;
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
        (stream) => {
          cb(null, stream);
        },
        (error: unknown) => {
          cb(error, undefined as unknown as Readable);
        },
      );
  });
}

const json = (value: unknown) => Readable.from([JSON.stringify(value, null, 2) + "\n"]);
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

export async function addEntries(zip: yazl.ZipFile, services: ExportServices, viewer: MemberViewer): Promise<void> {
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
          .limit(exportPageSize)
          .offset(offset)
      ).map((r) => ({ at: iso(r.at), event: r.action, outcome: r.outcome, ipAddress: r.ip })),
    ),
  );
  // The browsers the member signed in from (for the new-device alert) and the devices receiving notifications.
  lazy(zip, "donnees/appareils.json", () =>
    jsonArray(async (offset) => {
      if (offset > 0) return [];
      const browsers = await db
        .select({ label: knownDevice.label, since: knownDevice.firstSeenAt, last: knownDevice.lastSeenAt })
        .from(knownDevice)
        .where(eq(knownDevice.userId, viewer.userId))
        .orderBy(asc(knownDevice.firstSeenAt));
      const devices = await db
        .select({
          label: pushSubscription.label,
          since: pushSubscription.createdAt,
          last: pushSubscription.lastDeliveredAt,
        })
        .from(pushSubscription)
        .where(eq(pushSubscription.userId, viewer.userId))
        .orderBy(asc(pushSubscription.createdAt));
      return [
        ...browsers.map((b) => ({ kind: "connexion", label: b.label, since: iso(b.since), lastUsed: iso(b.last) })),
        ...devices.map((d) => ({
          kind: "notifications",
          label: d.label,
          since: iso(d.since),
          lastUsed: d.last ? iso(d.last) : null,
        })),
      ];
    }),
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
          .limit(exportPageSize)
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
  const { db, brand, env } = services;
  const facts = await getContractFacts(db, viewer);
  const pdf = (path: string, build: () => Promise<Buffer>) => {
    lazy(zip, `pdf/${path}`, async () => Readable.from([await build()]), false);
  };
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
        creditorId: env.SEPA_CREDITOR_ID,
        debits: premiumSchedule(scheduleInput(facts, year, brand.amc.debitDay)),
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
        debits: paidDebits(scheduleInput(facts, year, brand.amc.debitDay), today),
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
    "  appareils.json            les navigateurs d'où vous vous connectez, les appareils qui reçoivent vos notifications",
    "  acces-conseillers.json    les consultations de votre dossier par un conseiller",
    "pdf/            carte de tiers payant, attestations, échéanciers, relevés de prestations",
    "pieces-jointes/ les fichiers que vous avez envoyés (démarches, messagerie)",
    "",
    "Les dates sont au format AAAA-MM-JJ, les instants en UTC (ISO 8601).",
    "",
  ].join("\n");
}
