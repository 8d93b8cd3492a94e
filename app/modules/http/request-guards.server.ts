// Guards every page and action runs through, in the root route's middleware.
import { data, type MiddlewareFunction } from "react-router";
import { requestContext, servicesContext } from "../../context.ts";
import stylesheet from "../../styles/app.css?url";
import { errorPage } from "./error-page.ts";

const formType = "application/x-www-form-urlencoded";

/**
 * A NUL character cannot be stored by PostgreSQL in text and no person types one: a form post or an address
 * holding one is refused with a 400 and a French page before any action reads it (nothing is written).
 * Multipart posts (uploads) are checked field by field as they are read.
 */
export const refuseNulCharacters: MiddlewareFunction<Response> = async ({ request }, next) => {
  const url = new URL(request.url);
  if (hasNul(url.search) || hasNul(url.pathname)) throw data("Caractère nul refusé", { status: 400 });
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (request.method !== "GET" && request.method !== "HEAD" && type === formType) {
    // Url-encoded bodies are capped at 64 KB before they reach here, on every path (server/security.ts).
    if (hasNul(await request.clone().text())) throw data("Caractère nul refusé", { status: 400 });
  }
  return next();
};

/** The request log names the route pattern that answered, never the values in the path. */
export const recordRoutePattern: MiddlewareFunction<Response> = ({ context, pattern }, next) => {
  context.get(requestContext).routePattern(`/${pattern.replace(/^\//, "")}`);
  return next();
};

function hasNul(encoded: string): boolean {
  return encoded.includes("\0") || /%00/i.test(encoded);
}

/**
 * A file or PDF address that fails (a year with no card, a statement without its period) answers the same
 * French page as any other page, not the bare JSON or text React Router gives a resource route. The import API
 * keeps its JSON answers for the core system, and client navigations (`.data`) their own format.
 */
export const frenchErrorPages: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const response = await next();
  if (response.status < 400) return response;
  const { pathname } = new URL(request.url);
  if (pathname.startsWith("/api/") || pathname.endsWith(".data")) return response;
  if (response.headers.get("content-type")?.startsWith("text/html")) return response;
  const headers = new Headers(response.headers);
  headers.set("content-type", "text/html; charset=utf-8");
  headers.delete("content-disposition");
  headers.delete("content-length");
  const detail = await frenchDetail(response);
  const page = errorPage(context.get(servicesContext).brand.name, response.status, {
    stylesheet,
    ...(detail ? { detail } : {}),
  });
  return new Response(page, { status: response.status, headers });
};

/** The route's own French explanation, when it gave one (plain text, or JSON with a message). */
async function frenchDetail(response: Response): Promise<string | undefined> {
  const type = response.headers.get("content-type") ?? "";
  const body = await response.text().catch(() => "");
  if (body.length > 500) return undefined;
  let message: unknown = type.startsWith("text/plain") ? body.trim() : undefined;
  if (type.startsWith("application/json")) {
    try {
      const parsed: unknown = JSON.parse(body);
      message = typeof parsed === "object" && parsed !== null ? (parsed as { message?: unknown }).message : undefined;
    } catch {
      return undefined;
    }
  }
  // A bare "Introuvable" or "Page introuvable" says less than the page's own text: only a sentence replaces it.
  return typeof message === "string" && message.length > 20 ? message : undefined;
}
