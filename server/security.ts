// Response headers and cross-site request refusal, applied to every response before React Router runs.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

const nonceSource = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce}'`;

export function securityHeaders({ httpsOnly, imageSources = [] }: { httpsOnly: boolean; imageSources?: string[] }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Only scripts carrying this response's nonce run; 'strict-dynamic' lets them load the route chunks.
        scriptSrc: [nonceSource, "'strict-dynamic'"],
        styleSrc: ["'self'", nonceSource],
        // Plus the map's tile server when one is configured (MAP_TILE_URL).
        imgSrc: ["'self'", "data:", ...imageSources],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(httpsOnly ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: "deny" },
  });
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for every form post: browsers always say where a POST comes from (Origin, and
 * Sec-Fetch-Site on current ones); we accept it only from our own origin. SameSite=Lax cookies are the
 * second layer. Without either header, a Referer from elsewhere is refused too; requests with none of the three are
 * not from a browser page, so they carry no ambient cookie risk.
 */
export function refuseCrossSiteRequests(publicOrigin: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) {
      next();
      return;
    }
    const fetchSite = req.get("sec-fetch-site");
    const origin = req.get("origin");
    const expected = publicOrigin ?? `${req.protocol}://${req.get("host")}`;
    // Neither header (an old browser, a privacy extension stripping them): the Referer, when sent, must be ours too.
    const referer = !fetchSite && !origin ? req.get("referer") : undefined;
    const crossSite =
      (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") ||
      (origin && origin !== expected) ||
      (referer !== undefined && refererOrigin(referer) !== expected);
    if (!crossSite) {
      next();
      return;
    }
    res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle ne provient pas de ce site.");
  };
}

/** The origin a Referer names ("https://site.example/page" → "https://site.example"), or null when unreadable. */
function refererOrigin(referer: string): string | null {
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

const formBytes = 64 * 1024;
// Ten 10 MB files and their multipart framing.
const uploadBytes = 110 * 1024 * 1024;
const uploadPaths = [
  /^\/demandes\/nouvelle(\.data)?$/,
  /^\/demandes\/[0-9a-f-]{36}(\.data)?$/,
  /^\/devis\/nouveau(\.data)?$/,
  /^\/ma-mutuelle\/beneficiaires\/ajouter(\.data)?$/,
  // "Adhérer en ligne": the attestation de droits (the action reads files only for a journey being filled).
  /^\/offre\/adherer(\.data)?$/,
  // Administrators check a guarantee table file (the action reads it only after the permission check).
  /^\/back-office\/administration\/garanties(\.data)?$/,
  // Administrators upload the help centre's illustrations (the action reads it only after the permission check).
  /^\/back-office\/administration\/aide\/illustrations(\.data)?$/,
  // An advisor records a legal representative with the judgment (the action reads it after the permission check).
  /^\/back-office\/adherents\/\d{6,12}\/representant-legal(\.data)?$/,
  // Messagerie: a new message or a reply, from a member or an advisor, with attachments.
  /^\/messagerie\/(nouveau|[0-9a-f-]{36})(\.data)?$/,
  /^\/back-office\/messagerie\/(nouveau|[0-9a-f-]{36})(\.data)?$/,
];

/**
 * Before any body is read: forms are small and declared (Content-Length), uploads only where files are
 * expected. Nothing can make the server buffer gigabytes before a sign-in, and an unexpected body type is a
 * 415, not a crash. The core system's import API streams and limits its own body.
 */
export function limitRequestBodies(importPath: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method) || req.path === importPath) {
      next();
      return;
    }
    const type = (req.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const upload = uploadPaths.some((p) => p.test(req.path));
    const refuse = (status: number, message: string) =>
      res.status(status).set("Connection", "close").type("text/plain; charset=utf-8").send(message);
    if (type !== "application/x-www-form-urlencoded" && !(upload && type === "multipart/form-data")) {
      return refuse(415, "Type de contenu non accepté pour ce formulaire.");
    }
    const declared = req.get("content-length");
    if (declared === undefined) return refuse(411, "Longueur du contenu requise.");
    // The upload size only for a multipart body: a url-encoded form is small wherever it is posted.
    if (Number(declared) > (type === "multipart/form-data" ? uploadBytes : formBytes))
      return refuse(413, "Envoi trop volumineux.");
    next();
  };
}

/**
 * How long a request may take to arrive. Node's own `requestTimeout` (5 minutes by default) cannot be set per
 * route, and a large or paced import over the API lasts longer by design, so server.js turns it off
 * (`configureHttpServer`) and this puts it back per route: every request must have arrived whole within
 * `defaultSeconds` (REQUEST_TIMEOUT_SECONDS), the import within `importSeconds` (IMPORT_REQUEST_TIMEOUT_SECONDS).
 * A request still arriving at its deadline loses its connection, as Node's own timeout would do.
 */
export function requestArrivalDeadline(
  importPath: string,
  { defaultSeconds, importSeconds }: { defaultSeconds: number; importSeconds: number },
) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.complete) {
      next();
      return;
    }
    const seconds = req.path === importPath ? importSeconds : defaultSeconds;
    const timer = setTimeout(() => {
      if (!req.complete) req.socket.destroy();
    }, seconds * 1000);
    timer.unref();
    const clear = () => {
      clearTimeout(timer);
    };
    req.once("end", clear);
    res.once("close", clear);
    next();
  };
}

/** Node's whole-request timeout off: requestArrivalDeadline applies one per route instead. Headers keep theirs. */
export function configureHttpServer(server: import("node:http").Server) {
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
}
