import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { clockFreeIntegrationFiles } from "./tests/support/clock-free.ts";

// No React Router plugin here: unit tests import modules directly, integration tests drive the built
// server (build/server/index.js) over HTTP. Integration suites run on PGlite, and again on a real
// PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) is set.
const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

// A pinned clock (CI's New Year's Eve and 29 February runs) leaves out the files with no business date in them.
const pinnedClock = Boolean(process.env.CLOCK_FIXED_AT);

const integration = (name: string, kind: "pglite" | "postgres") => ({
  extends: true as const,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    exclude: pinnedClock ? clockFreeIntegrationFiles : [],
    env: { TEST_DB: kind },
    globalSetup: ["tests/support/global-setup.ts"],
    // Ceilings, not budgets: an advisor's sign-in may wait for the next 30-second TOTP step (a code serves once),
    // and a loaded machine is slow; a test that hangs still fails.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    setupFiles: ["tests/support/fail-on-console-error.ts"],
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine, so the suites ran one
    // file at a time while each file spends part of its time waiting (child processes, sockets, clamd, the
    // 30-second TOTP step). Two at least; VITEST_MAX_WORKERS still overrides it.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The default output, and a word on any file still running after ten minutes (a hang detector).
    reporters: ["default", "./tests/support/still-running-reporter.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["app/**/*.test.ts", "scripts/**/*.test.ts"] } },
      integration("pglite", "pglite"),
      ...(postgresUrl ? [integration("postgres", "postgres")] : []),
    ],
  },
});
