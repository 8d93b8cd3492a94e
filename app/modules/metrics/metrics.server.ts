// Prometheus metrics (prom-client) for operators: requests by route pattern (never the raw URL, which holds
// member numbers and search terms), the database pool, the job queue and the mail outbox. One registry per
// set of services (tests start several servers in one process). Served by /metrics behind METRICS_TOKEN.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../db/client.server.ts";
import { pendingMails, queueCounts } from "../jobs/queue.server.ts";

export interface AppMetrics {
  registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  jobOutcome(name: string, outcome: "done" | "retry" | "failed", seconds: number): void;
  importedLines(count: number): void;
}

export function createMetrics(database: Database): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: "http_request_duration_seconds",
    help: "Durée des réponses HTTP, par méthode, motif de route et statut",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobs = new Histogram({
    name: "job_duration_seconds",
    help: "Durée des tâches de la file, par nom et issue (done, retry, failed)",
    labelNames: ["job", "outcome"] as const,
    buckets: [0.01, 0.1, 1, 10, 60, 600],
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: "job_failures_total",
    help: "Tâches en échec (réessayées ou abandonnées), par nom",
    labelNames: ["job", "outcome"] as const,
    registers: [registry],
  });
  const imported = new Counter({
    name: "import_lines_total",
    help: "Lignes de décomptes importées",
    registers: [registry],
  });
  // Read from the database when scraped: the same figures whichever server answers.
  const gauges = [
    new Gauge({
      name: "job_queue_depth",
      registers: [], // registered below, in this registry only
      help: "Tâches en attente ou en cours dans la file, par nom et état",
      labelNames: ["job", "status"] as const,
      async collect() {
        this.reset();
        const counts = await queueCounts(database.db);
        for (const row of counts.byName) this.set({ job: row.name, status: row.status }, row.count);
      },
    }),
    new Gauge({
      name: "mail_outbox_pending",
      registers: [], // registered below, in this registry only
      help: "Courriels pas encore acceptés par le serveur SMTP",
      async collect() {
        this.set(await pendingMails(database.db));
      },
    }),
    new Gauge({
      name: "db_pool_connections",
      registers: [], // registered below, in this registry only
      help: "Connexions du pool PostgreSQL de ce processus (total, idle, waiting)",
      labelNames: ["state"] as const,
      collect() {
        const stats = database.poolStats?.();
        if (!stats) return;
        this.set({ state: "total" }, stats.total);
        this.set({ state: "idle" }, stats.idle);
        this.set({ state: "waiting" }, stats.waiting);
      },
    }),
  ];
  for (const gauge of gauges) registry.registerMetric(gauge);
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.observe({ method, route, status: String(status) }, seconds);
    },
    jobOutcome(name, outcome, seconds) {
      jobs.observe({ job: name, outcome }, seconds);
      if (outcome !== "done") jobFailures.inc({ job: name, outcome });
    },
    importedLines(count) {
      imported.inc(count);
    },
  };
}
