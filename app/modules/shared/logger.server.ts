// Structured JSON logs, one line an event. Never log personal data: no names, e-mails, IBANs, member
// numbers, health data, query strings or request bodies.
import { pino } from "pino";
import { requestScope } from "./request-scope.server.ts";

/** `destination`: where lines go (standard output by default; tests read them back). */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "espace-adherent" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Each line written while serving a request carries that request's id (also in X-Request-Id).
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { requestId: scope.requestId } : {};
    },
    redact: { paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.iban"], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = ReturnType<typeof createLogger>;

/**
 * What an error may say in the logs: its class, its code and where it was thrown, never its message (a failed
 * query's message carries its parameters: names, amounts, e-mail addresses).
 */
export function errorSummary(error: unknown): { name: string; code?: string; at?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  const at = error.stack
    ?.split("\n")
    .find((l) => l.includes("/app/") || l.includes("/server/"))
    ?.trim();
  return { name: error.name, ...(typeof code === "string" ? { code } : {}), ...(at ? { at } : {}) };
}
