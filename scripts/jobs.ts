// `npm run jobs`: what the job queue and the mail outbox hold, for operators. `npm run jobs -- failed` lists
// the failed jobs only. On PostgreSQL it runs beside the servers; the embedded database must be stopped first.
import { readEnv } from "../app/modules/config/env.server.ts";
import { openDatabase } from "../app/modules/db/client.server.ts";
import { queueCounts, recentJobs } from "../app/modules/jobs/queue.server.ts";

const env = readEnv();
const status = process.argv[2];
if (status && !["pending", "running", "done", "failed"].includes(status)) {
  console.error("Usage : npm run jobs [-- pending|running|done|failed]");
  process.exit(64);
}
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolMax: 2 });
try {
  const counts = await queueCounts(database.db);
  console.log(
    `File de tâches : ${counts.pending} en attente, ${counts.running} en cours, ${counts.failed} en échec (24 h) ; ` +
      `courriels non envoyés : ${counts.mailPending}`,
  );
  for (const row of counts.byName) console.log(`  ${row.name.padEnd(28)} ${row.status.padEnd(8)} ${row.count}`);
  console.log(status ? `\nTâches « ${status} » (les plus récentes) :` : "\nDernières tâches :");
  for (const job of await recentJobs(database.db, 30, status)) {
    const when = new Date(job.runAt).toISOString();
    console.log(
      `  #${job.id} ${job.name.padEnd(28)} ${job.status.padEnd(8)} essai ${job.attempts}/${job.maxAttempts} ` +
        `prévue ${when}${job.lockedBy ? ` par ${job.lockedBy}` : ""}${job.lastError ? ` erreur ${job.lastError}` : ""}`,
    );
  }
} finally {
  await database.close();
}
