// The HTTP application: security middleware, static files, health check, then React Router.
// Built by Vite as the server bundle's entry (see vite.config.ts) and started by server.js.
import { timingSafeEqual } from "node:crypto";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { requestContext, servicesContext } from "../app/context.ts";
import { loadViewer } from "../app/modules/accounts/viewer.server.ts";
import { type AppEnv, readEnv } from "../app/modules/config/env.server.ts";
import { createServices, type AppServices, type ServiceOverrides } from "../app/services.server.ts";
import { tileImageSource } from "../app/modules/directory/map-config.ts";
import {
  configureHttpServer,
  cspNonce,
  limitRequestBodies,
  refuseCrossSiteRequests,
  requestArrivalDeadline,
  securityHeaders,
} from "./security.ts";
import { errorPage } from "../app/modules/http/error-page.ts";
import { pathWithoutValues } from "../app/modules/http/log-path.ts";
import { clientAddressHeader } from "../app/modules/accounts/client-address.ts";
import { sweepOrphanFiles } from "../app/modules/storage/orphan-sweep.server.ts";
import { rescanQuarantinedFiles } from "../app/modules/storage/quarantine-rescan.server.ts";
import { errorSummary } from "../app/modules/shared/logger.server.ts";
import { applyDueBankChanges } from "../app/modules/banking/settle.server.ts";
import { runMessagingMaintenance } from "../app/modules/messaging/scheduled.server.ts";

import { deleteExpiredDrafts } from "../app/modules/claims/draft-expiry.server.ts";
import { deleteExpiredExports, preparePendingExports } from "../app/modules/personal-data/export.server.ts";
import { createAppJobRunner } from "../app/jobs.server.ts";
import { chooseRequestId, requestScope } from "../app/modules/shared/request-scope.server.ts";
import { migrationsUpToDate } from "../app/modules/db/migrate.server.ts";
export { errorSummary, createAppJobRunner, configureHttpServer };
export {
  readEnv,
  createServices,
  sweepOrphanFiles,
  rescanQuarantinedFiles,
  applyDueBankChanges,
  runMessagingMaintenance,
  deleteExpiredDrafts,
  preparePendingExports,
  deleteExpiredExports,
};
export type { AppEnv, AppServices, ServiceOverrides };

export interface AppOptions {
  services: AppServices;
  /** Where built browser assets live (production); omitted in development, where Vite serves them. */
  clientDir?: string;
  build?: () => Promise<ServerBuild>;
}

export function createApp({ services, clientDir, build }: AppOptions) {
  const { env, logger } = services;
  const app = express();
  app.disable("x-powered-by");
  app.use(
    requestArrivalDeadline("/api/v1/decomptes", {
      defaultSeconds: env.REQUEST_TIMEOUT_SECONDS,
      importSeconds: env.IMPORT_REQUEST_TIMEOUT_SECONDS,
    }),
  );
  if (env.TRUST_PROXY !== undefined) app.set("trust proxy", env.TRUST_PROXY);
  if (env.TRUST_PROXY === true) {
    logger.warn(
      { event: "trust_proxy_everyone" },
      "TRUST_PROXY=true: any client can choose its address through X-Forwarded-For; give the hop count or the balancers' addresses",
    );
  }

  // Express's compiled TRUST_PROXY: is the direct peer one of our proxies (then its X-Request-Id is kept)?
  const trustedPeer = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
  app.use((req, res, next) => {
    const started = performance.now();
    const peer = req.socket.remoteAddress ?? "";
    const requestId = chooseRequestId(
      req.headers["x-request-id"],
      env.TRUST_PROXY !== undefined && trustedPeer(peer, 0),
    );
    res.setHeader("X-Request-Id", requestId);
    res.on("finish", () => {
      // The route's pattern (`/back-office/adherents/:memberNumber`), never the values in the path or the
      // query string: member numbers, search terms a member typed.
      const path = (res.locals.routePattern as string | undefined) ?? pathWithoutValues(req.path);
      const seconds = (performance.now() - started) / 1000;
      logger.info({
        event: "http_request",
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(seconds * 1000),
      });
      // Assets and unmatched paths are one label each: a scanner's random URLs must not grow the series.
      const route = res.locals.routePattern
        ? path
        : req.path.startsWith("/assets/")
          ? "/assets/*"
          : fixedPaths.has(req.path)
            ? req.path
            : "other";
      services.metrics.observeRequest(req.method, route, res.statusCode, seconds);
    });
    requestScope.run({ requestId }, next);
  });
  app.use(cspNonce);
  app.use(
    securityHeaders({
      httpsOnly: env.PUBLIC_URL?.startsWith("https://") ?? false,
      imageSources: env.MAP_TILE_URL ? [tileImageSource(env.MAP_TILE_URL)] : [],
    }),
  );
  app.use(compression());

  if (clientDir) {
    // Fingerprinted build output never changes under the same name: cache it for a year.
    app.use("/assets", express.static(`${clientDir}/assets`, { immutable: true, maxAge: "1y", index: false }));
    // The few files at the root (favicon, brand logos, service worker) have an extension; pages never do, so
    // they skip the file-system lookup (a stat per page view otherwise).
    const rootFiles = express.static(clientDir, { maxAge: "1h", index: false });
    app.use((req, res, next) => {
      if (/\.[a-z0-9]+$/i.test(req.path)) rootFiles(req, res, next);
      else next();
    });
  }

  app.get("/healthz", async (_req, res) => {
    res.set("Cache-Control", "no-store");
    try {
      await withTimeout(services.database.ping(), 3_000);
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });

  // Liveness: the process answers (no dependency checked: restarting it would not fix the database).
  app.get("/livez", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  });
  // Readiness: send traffic here? Not while draining (SIGTERM), nor without the database and its migrations.
  app.get("/readyz", (_req, res) => {
    res.set("Cache-Control", "no-store");
    void readiness().then(([status, body]) => res.status(status).json(body));
  });
  async function readiness(): Promise<[number, { status: string }]> {
    if (services.lifecycle.draining) return [503, { status: "draining" }];
    try {
      await withTimeout(services.database.ping(), 3_000);
      if (!(await withTimeout(migrationsUpToDate(services.database), 3_000)))
        return [503, { status: "migrations_pending" }];
      return [200, { status: "ok" }];
    } catch {
      return [503, { status: "database_unavailable" }];
    }
  }
  // Prometheus: only with the configured token (docs/operations.md); without METRICS_TOKEN it does not exist.
  app.get("/metrics", (req, res) => {
    res.set("Cache-Control", "no-store");
    const token = env.METRICS_TOKEN;
    if (!token) {
      res.status(404).type("text").send("Not Found");
      return;
    }
    if (!sameSecret(req.headers.authorization ?? "", `Bearer ${token}`)) {
      res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').type("text").send("Unauthorized");
      return;
    }
    services.metrics.registry.metrics().then(
      (body) => {
        res.type(services.metrics.registry.contentType).send(body);
      },
      (error: unknown) => {
        logger.error({ event: "metrics_failed", err: errorSummary(error) });
        res.status(503).type("text").send("metrics unavailable");
      },
    );
  });

  app.use(refuseCrossSiteRequests(env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined));
  app.use(limitRequestBodies("/api/v1/decomptes"));
  // Pages carry personal and health data: no browser or proxy cache keeps them (assets were served above).
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  // Given a function, React Router calls it and rebuilds its route tables on every request: right in
  // development, where the build changes under it; in production it gets the build object, loaded once (the
  // per-request rebuild cost about a tenth of a page view's CPU).
  const productionBuild = build ? undefined : (import("virtual:react-router/server-build") as Promise<ServerBuild>);
  const pages = (serverBuild: ServerBuild | (() => Promise<ServerBuild>)) =>
    createRequestHandler({
      build: serverBuild,
      mode: env.NODE_ENV === "production" ? "production" : "development",
      getLoadContext(req, res) {
        const context = new RouterContextProvider();
        context.set(servicesContext, services);
        let viewer: ReturnType<typeof loadViewer> | undefined;
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === "string") headers.set(name, value);
        }
        context.set(requestContext, {
          routePattern: (pattern) => (res.locals.routePattern = pattern),
          ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
          nonce: res.locals.cspNonce as string,
          viewer: () => (viewer ??= loadViewer(services, headers, (cookie) => res.append("Set-Cookie", cookie))),
          setCookie: (cookie) => res.append("Set-Cookie", cookie),
        });
        return context;
      },
    });
  // better-auth reads the client's address from a header (it records it with the session): give it the one
  // Express resolved under TRUST_PROXY, never a value the client sent.
  app.use((req, _res, next) => {
    req.headers[clientAddressHeader] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });
  let handlePage: ReturnType<typeof pages> | undefined = build ? pages(build) : undefined;
  app.all("/{*path}", (req, res, next) => {
    if (handlePage) return handlePage(req, res, next);
    productionBuild!.then((serverBuild) => {
      handlePage ??= pages(serverBuild);
      return handlePage(req, res, next);
    }, next);
  });

  // Last resort: anything thrown outside React Router's own error boundaries. Never a stack trace. Express
  // marks what the client got wrong (an address that is not valid percent-encoding, `/%FF`) with a 4xx status.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = clientErrorStatus(error);
    if (status) logger.info({ event: "request_refused", status, err: errorSummary(error) });
    else logger.error({ event: "unhandled_error", err: errorSummary(error) });
    if (res.headersSent) return res.end();
    res
      .status(status ?? 500)
      .type("html")
      .send(errorPage(services.brand.name, status ?? 500));
  });

  return app;
}

const fixedPaths = new Set(["/healthz", "/livez", "/readyz", "/metrics"]);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function clientErrorStatus(error: unknown): number | null {
  const status = typeof error === "object" && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error("timeout"));
    }, ms);
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
    });
  });
}
