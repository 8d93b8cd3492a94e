// Guards every page and action runs through, in the root route's middleware.
import { data, type MiddlewareFunction } from "react-router";
import { requestContext } from "../../context.ts";

const formType = "application/x-www-form-urlencoded";

/**
 * A NUL character cannot be stored by PostgreSQL in text and no person types one: a form post or an address
 * holding one is refused with a 400 and a French page before any action reads it (nothing is written).
 * Multipart posts (uploads) are checked field by field as they are read.
 */
export const refuseNulCharacters: MiddlewareFunction<Response> = async ({ request }, next) => {
  const url = new URL(request.url);
  if (hasNul(url.search) || hasNul(url.pathname)) throw data("Caractère nul refusé", { status: 400 });
  if (request.method !== "GET" && request.method !== "HEAD" && request.headers.get("content-type")?.startsWith(formType)) {
    // Form bodies are capped at 64 KB before they reach here (server/security.ts).
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
