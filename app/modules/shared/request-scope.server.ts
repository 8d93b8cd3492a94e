// The request a piece of code runs for, carried by AsyncLocalStorage from the first middleware to the last
// await: every log line written while serving a request carries its id (logger.server.ts's mixin), without
// passing a logger around.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

type Scope = AsyncLocalStorage<{ requestId: string }>;
// One store per process, even when this module is loaded twice (the server bundle and a script or test that
// imports the source): both copies must read the same scope.
const key = Symbol.for("espace-adherent.request-scope");
const holder = globalThis as unknown as Record<symbol, Scope | undefined>;
export const requestScope: Scope = (holder[key] ??= new AsyncLocalStorage());

/** An id a proxy may hand us: short, printable, no spaces or quotes (it goes into logs and a header). */
const saneRequestId = /^[A-Za-z0-9._:=+/@-]{1,128}$/;

/** The trusted proxy's X-Request-Id when it is sane, else a new one. */
export function chooseRequestId(incoming: string | string[] | undefined, fromTrustedProxy: boolean): string {
  if (fromTrustedProxy && typeof incoming === "string" && saneRequestId.test(incoming)) return incoming;
  return randomUUID();
}
