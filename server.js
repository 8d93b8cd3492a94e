// Starts the portal: the production build by default, or Vite's dev server with NODE_ENV=development.
// Plain JavaScript so it runs without a build step; all application code lives in the Vite bundle.
import cluster from "node:cluster";
import { existsSync } from "node:fs";
import { createServer } from "node:http";

// Exit code for a refused configuration (EX_CONFIG): the supervisor and systemd do not restart on it.
const CONFIG_REFUSED = 78;

const dev = process.env.NODE_ENV === "development";
let entry;
let viteServer;
if (dev) {
  const vite = await import("vite");
  viteServer = await vite.createServer({ server: { middlewareMode: true }, appType: "custom" });
  entry = await viteServer.ssrLoadModule("./server/app.ts");
} else {
  // Production serves an existing build (`npm run build`, then `npm run serve`); `npm start` does both.
  const built = new URL("./build/server/index.js", import.meta.url);
  if (!existsSync(built)) {
    console.error("Aucune version construite (build/server/index.js) : lancez `npm run build`, puis `npm run serve`.");
    process.exit(CONFIG_REFUSED);
  }
  entry = await import(built.href);
}

let env;
try {
  env = entry.readEnv();
} catch (error) {
  console.error(error.message);
  process.exit(CONFIG_REFUSED);
}
let services;
try {
  services = await entry.createServices(env);
} catch (error) {
  // A bad brand file, guarantee table or unreachable database: say which, without a stack trace.
  console.error(error.message);
  process.exit(1);
}
const app = entry.createApp({
  services,
  clientDir: dev ? undefined : new URL("./build/client", import.meta.url).pathname,
  build: dev ? () => viteServer.ssrLoadModule("virtual:react-router/server-build") : undefined,
});
// The scheduled jobs (RIB holds, purges, orphan sweep, quarantine rescan) and the mail outbox run on the job
// queue in the database (ADR 0015): every server polls it, each scheduled run happens once across them all.
const jobs =
  env.JOBS_POLL_SECONDS > 0 ? entry.createAppJobRunner(services, { pollMs: env.JOBS_POLL_SECONDS * 1000 }) : null;
jobs?.start();

const handler = dev ? (req, res) => viteServer.middlewares(req, res, () => app(req, res)) : app;

const server = createServer(handler);
entry.configureHttpServer(server);
const onListening = () => {
  const address = server.address();
  services.logger.info(
    { event: "server_started", port: address.port, database: services.database.kind, pid: process.pid },
    `listening on http://localhost:${address.port}`,
  );
};
if (env.HOST) server.listen(env.PORT, env.HOST, onListening);
else server.listen(env.PORT, onListening);

// Graceful shutdown: stop accepting, let in-flight requests finish, then close the database.
let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  // /readyz answers 503 from now on: the load balancer stops sending new requests while these finish.
  services.lifecycle.draining = true;
  services.logger.info({ event: "shutdown", signal });
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  server.close(async () => {
    await jobs?.stop().catch(() => {});
    await services.database.close().catch(() => {});
    await viteServer?.close();
    process.exit(0);
  });
  // Keep-alive connections become idle once their in-flight request is answered: close them as they do.
  server.closeIdleConnections();
  setInterval(() => {
    server.closeIdleConnections();
  }, 250).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
// Under the supervisor: if it is gone, nobody would restart this process or stop it cleanly.
if (cluster.isWorker) process.on("disconnect", () => shutdown("supervisor_gone"));

// A bug that escapes every handler leaves the process in an unknown state: log it (class and place only,
// never the message, which may hold personal data), then exit so the supervisor starts a clean process.
function crash(kind, error) {
  services.logger.fatal(
    { event: kind, err: entry.errorSummary(error) },
    "the process stops; its supervisor starts another",
  );
  process.exit(1);
}
process.on("uncaughtException", (error) => {
  crash("uncaught_exception", error);
});
process.on("unhandledRejection", (error) => {
  crash("unhandled_rejection", error);
});
