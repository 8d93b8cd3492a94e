import { defineConfig } from "@playwright/test";

// Drives Debian's Chromium (apt-get install chromium); Playwright never downloads a browser here.
const port = Number(process.env.E2E_PORT ?? 3210);
const dataDir = process.env.E2E_DATA_DIR ?? `/tmp/espace-e2e-${process.pid}`;
// A pinned clock (CLOCK_FIXED_AT, see app/modules/clock) reaches the server in test mode, else none at all.
const clockEnv: Record<string, string> = process.env.CLOCK_FIXED_AT
  ? { CLOCK_FIXED_AT: process.env.CLOCK_FIXED_AT, CLOCK_TEST_MODE: "1" }
  : {};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0, // a flaky test gets fixed, not retried
  reporter: [["list"]],
  // A ceiling, not a budget: axe's checks of a long page take seconds each when the machine is busy.
  timeout: 120_000,
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "fr-FR",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The production build on a brand-new embedded database: exactly what `npm start` gives a newcomer.
    command: `rm -rf ${dataDir} && node server.js`,
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000, // a ceiling, not a budget: a first start seeds a new database, slow on a busy machine
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ...clockEnv,
    },
  },
});
