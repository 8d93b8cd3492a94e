// Structured JSON logs, one line an event. Never log personal data: no names, e-mails, IBANs, member
// numbers, health data, query strings or request bodies.
import { pino } from "pino";

export function createLogger(level: string) {
  return pino({
    level,
    base: { service: "espace-adherent" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.iban"], remove: true },
  });
}

export type Logger = ReturnType<typeof createLogger>;
