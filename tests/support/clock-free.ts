// The integration files a pinned-clock run leaves out (vitest.config.ts; CI's New Year's Eve and 29 February
// runs, docs/decisions/0011): they compute, store and show no business date — supervision and file modes, the
// load balancer, transport and headers, rate limits and lockouts on the machine's time, static assets and legal
// notices, the outbox and push transports, a migration with no date. They run at the real clock like every file.
// A file that uses the test clock, a support module handing out dates or a written date cannot be listed:
// app/modules/clock/clock-rule.test.ts checks each one.
export const clockFreeIntegrationFiles = [
  "supervision",
  "data-permissions",
  "proxy",
  "request-deadline",
  "request-log",
  "rate-limit",
  "sign-in-ceiling",
  "sign-in-lockout",
  "session-timeout",
  "two-factor-one-row",
  "two-factor-enrolment",
  "js-budget",
  "browser-bundles",
  "installable-app",
  "accessibility-statement",
  "personal-data",
  "list-order-indexes",
  "advisor-links-migration",
  "mail-outbox",
  "push-notifications",
].map((name) => `tests/integration/${name}.test.ts`);

/**
 * Support modules that hand out business dates (today, the demo's dates, a claim's care date, an adhesion's
 * start): a file importing one is dated.
 */
export const datedSupportModules = ["clock.ts", "adhesion-journey.ts", "claims.ts"];

/**
 * Support modules that import the test clock only to hand it to the servers they start (every server-based file
 * uses them): they carry no date of their own into a test.
 */
export const clockCarrierModules = ["test-server.ts", "process.ts", "global-setup.ts"];
