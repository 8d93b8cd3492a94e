// Keeps the portal serving: runs server.js in worker processes (node:cluster, sharing one port) and starts a
// new one whenever one dies, so a crash costs the requests in flight, not the service. `npm start` runs this;
// a systemd unit (deploy/systemd/) adds a restart of the supervisor itself. Plain JavaScript, no build needed.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";

// server.js exits with this code when its configuration is refused: restarting would only repeat the refusal.
const CONFIG_REFUSED = 78;
// A worker that served this long before dying was healthy: the next crash starts the back-off from scratch.
const HEALTHY_AFTER_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

function log(level, event, fields = {}, msg) {
  const line = {
    level,
    time: new Date().toISOString(),
    service: "espace-adherent",
    role: "supervisor",
    event,
    ...fields,
  };
  if (msg) line.msg = msg;
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${JSON.stringify(line)}\n`);
}

function workerCount() {
  const raw = process.env.WORKERS ?? "";
  if (raw === "") return 1;
  const count = /^\d+$/.test(raw) ? Number(raw) : NaN;
  const limit = Math.max(1, availableParallelism()) * 2;
  if (!(count >= 1 && count <= limit)) {
    console.error(
      `Configuration invalide :\n  - WORKERS: un nombre de processus entre 1 et ${limit} (reçu « ${raw} »)`,
    );
    process.exit(CONFIG_REFUSED);
  }
  // The embedded database lives in one process: several workers need PostgreSQL.
  if (count > 1 && !process.env.DATABASE_URL) {
    console.error(
      "Configuration invalide :\n  - WORKERS: plusieurs processus demandent DATABASE_URL (la base embarquée n'en sert qu'un)",
    );
    process.exit(CONFIG_REFUSED);
  }
  // Each process would otherwise generate its own secret in DATA_DIR: sessions signed by one, refused by another.
  if (count > 1 && !process.env.AUTH_SECRET) {
    console.error(
      "Configuration invalide :\n  - WORKERS: plusieurs processus demandent AUTH_SECRET, le même pour tous",
    );
    process.exit(CONFIG_REFUSED);
  }
  return count;
}

const wanted = workerCount();
cluster.setupPrimary({ exec: new URL("./server.js", import.meta.url).pathname });

let stopping = false;
let stopCode = 0;
let everServed = false;
let crashesInRow = 0;
const startedAt = new Map();

function startWorker() {
  const worker = cluster.fork();
  worker.on("listening", () => {
    everServed = true;
    startedAt.set(worker.id, Date.now());
  });
}

cluster.on("exit", (worker, code, signal) => {
  const servedFor = startedAt.has(worker.id) ? Date.now() - startedAt.get(worker.id) : 0;
  startedAt.delete(worker.id);
  if (stopping) {
    if (liveWorkers().length === 0) process.exit(stopCode);
    return;
  }
  if (code === CONFIG_REFUSED || !everServed) {
    // Refused configuration, or nothing ever started (bad brand file, database out of reach): say so and stop,
    // with the worker's own code, instead of restarting in a loop. systemd's Restart= takes it from here.
    log(
      "error",
      "supervisor_stopped",
      { pid: worker.process.pid, code, signal },
      "the server could not start: see the message above",
    );
    stopAll(code === CONFIG_REFUSED ? CONFIG_REFUSED : (code ?? 1) || 1);
    return;
  }
  crashesInRow = servedFor >= HEALTHY_AFTER_MS ? 1 : crashesInRow + 1;
  const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** (crashesInRow - 1));
  log(
    "error",
    "worker_exited",
    { pid: worker.process.pid, code, signal, restartInMs: delay },
    "a server process died: starting another",
  );
  setTimeout(() => {
    if (!stopping) startWorker();
  }, delay);
});

function liveWorkers() {
  return Object.values(cluster.workers ?? {}).filter((worker) => worker && !worker.isDead());
}

function stopAll(exitCode) {
  stopping = true;
  stopCode = exitCode;
  const workers = liveWorkers();
  if (workers.length === 0) process.exit(exitCode);
  for (const worker of workers) worker.process.kill("SIGTERM");
  // server.js drains its requests and exits; its own 20-second limit applies, ours is a last resort.
  setTimeout(() => process.exit(exitCode), 25_000).unref();
}

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) return;
    log("info", "shutdown", { signal });
    stopAll(0);
  });
}

log("info", "supervisor_started", { workers: wanted });
for (let i = 0; i < wanted; i++) startWorker();
