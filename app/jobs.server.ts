// The application's jobs: what used to run on setInterval in every web process, now on the job queue
// (ADR 0015) so that each scheduled run happens once across every server.
import { purgeUnknownIdentifierLocks } from "./modules/accounts/account-lock.server.ts";
import { closeFormerMembersAccess } from "./modules/accounts/former-members.server.ts";
import { applyDueBankChanges } from "./modules/banking/settle.server.ts";
import { deleteExpiredDrafts } from "./modules/claims/draft-expiry.server.ts";
import { deleteExpiredFormDrafts } from "./modules/drafts/drafts.server.ts";
import { rescanQuarantinedFiles } from "./modules/storage/quarantine-rescan.server.ts";
import { createJobRunner, type JobHandler, type JobRunner } from "./modules/jobs/runner.server.ts";
import { purgeOldJobs, type Schedule } from "./modules/jobs/queue.server.ts";
import { applyDueLevelChanges } from "./modules/offer/member-offer.server.ts";
import { purgeAbandonedJourneys } from "./modules/offer/journey-purge.server.ts";
import { purgeSentMail } from "./modules/mail/outbox.server.ts";
import { checkPendingLines } from "./modules/reimbursements/import/check-pricing.server.ts";
import { announceNewDocuments } from "./modules/documents/announce.server.ts";
import { announceImportedPayments, announcePaymentsJob } from "./modules/reimbursements/payment-notices.server.ts";
import { purgeOldPush } from "./modules/notifications/push.server.ts";
import { runMessagingMaintenance } from "./modules/messaging/scheduled.server.ts";
import { deleteExpiredExports, preparePendingExports } from "./modules/personal-data/export.server.ts";
import { handleOwnAccessRequest, ownAccessRequestJob } from "./modules/households/own-access.server.ts";
import { sweepOrphanFiles } from "./modules/storage/orphan-sweep.server.ts";
import type { AppServices } from "./services.server.ts";

export const schedules: readonly Schedule[] = [
  // New RIBs whose hold is over take effect (also applied when the household's page is read).
  { name: "bank_changes.apply", everySeconds: 60 },
  // Uploaded files whose row never committed (crash between the two writes).
  { name: "uploads.orphan_sweep", everySeconds: 3600 },
  // Files kept in quarantine while clamd was unreachable are scanned again.
  { name: "uploads.quarantine_rescan", everySeconds: 3600 },
  // Claim drafts untouched for DRAFT_RETENTION_DAYS go, with their files.
  { name: "claims.draft_expiry", everySeconds: 3600 },
  // Changes of level accepted for a date now reached take effect (level, premium, guarantee table).
  { name: "contracts.level_changes", everySeconds: 3600 },
  // "Adhérer en ligne": journeys left unsigned, or refused, for ADHESION_RETENTION_DAYS go, with their files.
  { name: "affiliation.purge", everySeconds: 3600 },
  // Form drafts (what was typed before a step-up or a new sign-in) nobody came back for, after 30 minutes.
  { name: "form_drafts.expire", everySeconds: 3600 },
  // Messages older than a year go, with their attachments (orphans and quarantine: the uploads.* jobs).
  { name: "messaging.maintenance", everySeconds: 3600 },
  // "Télécharger mes données": archives asked for and not prepared yet (the request starts one at once; this
  // catches those a stopped server left), and archives past their week, with their files.
  { name: "data_exports.prepare", everySeconds: 60 },
  { name: "data_exports.expire", everySeconds: 3600 },
  // Imported lines the guarantee engine has not checked yet (an import whose check failed or was cut off).
  { name: "reimbursements.pricing_check", everySeconds: 600 },
  // Documents that became available (next year's card and échéancier, last year's attestation de cotisations),
  // announced to each member once.
  { name: "documents.announce", everySeconds: 3600 },
  // Finished jobs after a week, failed ones after a month, sent mails and push notifications after a week;
  // sign-in locks of identifiers naming no account once the ceiling's window (24 hours) is over.
  { name: "jobs.purge", everySeconds: 86400 },
  // Former members' logins, FORMER_MEMBER_ACCESS_YEARS after their contract's end, are closed.
  { name: "accounts.close_former_members", everySeconds: 86400 },
];

export function jobHandlers(services: AppServices): Record<string, JobHandler> {
  const { db } = services;
  return {
    "bank_changes.apply": async () => ({ applied: await applyDueBankChanges(db, services.clock.now()) }),
    "uploads.orphan_sweep": () => sweepOrphanFiles(services, { olderThan: 60 * 60 * 1000 }),
    "uploads.quarantine_rescan": () =>
      rescanQuarantinedFiles(db, { storage: services.storage, scanner: services.virusScanner, clock: services.clock }),
    "claims.draft_expiry": () => deleteExpiredDrafts(db, services.storage, services.quotas.draftRetentionDays),
    "contracts.level_changes": async () => ({ applied: await applyDueLevelChanges(db, services.clock.today()) }),
    "affiliation.purge": () => purgeAbandonedJourneys(services, services.env.ADHESION_RETENTION_DAYS),
    "form_drafts.expire": async () => ({ removed: await deleteExpiredFormDrafts(db, services.clock.now()) }),
    "data_exports.prepare": async () => ({ prepared: await preparePendingExports(services) }),
    "data_exports.expire": async () => ({ removed: await deleteExpiredExports(services, services.clock.now()) }),
    "messaging.maintenance": () => runMessagingMaintenance(services),
    "reimbursements.pricing_check": async () => ({ ...(await checkPendingLines(db, services.guarantees)) }),
    // "Activer mon espace" from the sign-in page: handled after the answer, so its time tells nothing.
    [ownAccessRequestJob]: (payload, job) => handleOwnAccessRequest(services, payload, job.id),
    // Queued by each import from the core system (not scheduled): its payments, announced to the members.
    [announcePaymentsJob]: (payload) =>
      announceImportedPayments(services, typeof payload.since === "string" ? payload.since : "infinity"),
    "documents.announce": () => announceNewDocuments(services, services.clock.today()),
    "accounts.close_former_members": async () => ({
      closed: await closeFormerMembersAccess(services, services.env.FORMER_MEMBER_ACCESS_YEARS),
    }),
    "jobs.purge": async () => ({
      jobs: await purgeOldJobs(db),
      mails: await purgeSentMail(db),
      pushes: await purgeOldPush(db),
      unknownIdentifierLocks: await purgeUnknownIdentifierLocks(db, services.signInLimiter.ceilingWindowSeconds),
    }),
  };
}

export function createAppJobRunner(
  services: AppServices,
  options: { workerId?: string; pollMs?: number; backoff?: (attempt: number) => number } = {},
): JobRunner {
  return createJobRunner({
    db: services.db,
    logger: services.logger,
    handlers: jobHandlers(services),
    schedules,
    mail: services.mailer,
    push: services.push,
    onOutcome: (name, outcome, seconds) => {
      services.metrics.jobOutcome(name, outcome, seconds);
    },
    ...options,
  });
}
