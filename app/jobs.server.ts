// The application's jobs: what used to run on setInterval in every web process, now on the job queue
// (ADR 0015) so that each scheduled run happens once across every server.
import { applyDueBankChanges } from "./modules/banking/changes.server.ts";
import { deleteExpiredDrafts } from "./modules/claims/draft-expiry.server.ts";
import { deleteExpiredFormDrafts } from "./modules/drafts/drafts.server.ts";
import { rescanQuarantined } from "./modules/claims/rescan.server.ts";
import { createJobRunner, type JobHandler, type JobRunner } from "./modules/jobs/runner.server.ts";
import { purgeOldJobs, type Schedule } from "./modules/jobs/queue.server.ts";
import { purgeSentMail } from "./modules/mail/outbox.server.ts";
import { runMessagingMaintenance } from "./modules/messaging/scheduled.server.ts";
import { deleteExpiredExports, preparePendingExports } from "./modules/personal-data/export.server.ts";
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
  // Form drafts (what was typed before a step-up or a new sign-in) nobody came back for, after 30 minutes.
  { name: "form_drafts.expire", everySeconds: 3600 },
  // Messages older than a year go, with their attachments; the messagerie's orphans and quarantine.
  { name: "messaging.maintenance", everySeconds: 3600 },
  // "Télécharger mes données": archives asked for and not prepared yet (the request starts one at once; this
  // catches those a stopped server left), and archives past their week, with their files.
  { name: "data_exports.prepare", everySeconds: 60 },
  { name: "data_exports.expire", everySeconds: 3600 },
  // Finished jobs after a week, failed ones after a month, sent mails after a week.
  { name: "jobs.purge", everySeconds: 86400 },
];

export function jobHandlers(services: AppServices): Record<string, JobHandler> {
  const { db } = services;
  return {
    "bank_changes.apply": async () => ({ applied: await applyDueBankChanges(db, services.clock.now()) }),
    "uploads.orphan_sweep": () => sweepOrphanFiles(services, { olderThan: 60 * 60 * 1000 }),
    "uploads.quarantine_rescan": () =>
      rescanQuarantined(db, { storage: services.storage, scanner: services.virusScanner }),
    "claims.draft_expiry": () => deleteExpiredDrafts(db, services.storage, services.quotas.draftRetentionDays),
    "form_drafts.expire": async () => ({ removed: await deleteExpiredFormDrafts(db, services.clock.now()) }),
    "data_exports.prepare": async () => ({ prepared: await preparePendingExports(services) }),
    "data_exports.expire": async () => ({ removed: await deleteExpiredExports(services, services.clock.now()) }),
    "messaging.maintenance": () => runMessagingMaintenance(services),
    "jobs.purge": async () => ({ jobs: await purgeOldJobs(db), mails: await purgeSentMail(db) }),
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
    onOutcome: (name, outcome, seconds) => {
      services.metrics.jobOutcome(name, outcome, seconds);
    },
    ...options,
  });
}
