// npm test: every check, in the order that fails fastest. Runs under the project's own Node
// (scripts/toolchain.mjs puts it first on PATH).
//  0. formatting (Prettier)   1. types, then lint (oxlint with type-aware rules)   2. production build   3. unit + integration on PGlite (and on PostgreSQL when
//  TEST_DATABASE_URL or DATABASE_URL is set)   4. end-to-end in Debian's Chromium.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function step(title, cmd, args, env = process.env) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`✖ ${title} a échoué.`);
    process.exit(result.status ?? 1);
  }
}

// Debian packages the tests need: Chromium (end-to-end), poppler-utils (pdftotext reads PDFs back),
// clamav-daemon (a real clamd for the virus-scanning test) and haproxy (a real load balancer in front).
function ensureSystemPackages() {
  const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
  if (existsSync(chromium) && has("pdftotext") && has("clamd") && has("haproxy")) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      "Chromium, pdftotext, clamd ou haproxy est introuvable. Installez-les : sudo apt-get install -y chromium poppler-utils clamav-daemon haproxy",
    );
    process.exit(1);
  }
  step("Installation de Chromium, poppler-utils, clamav-daemon et haproxy (paquets Debian)", "sh", [
    "-c",
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils clamav-daemon haproxy",
  ]);
}

ensureSystemPackages();
step("Mise en forme (Prettier)", "npx", ["prettier", "--check", "--log-level", "warn", "."]);
step("Vérification des types", "npm", ["run", "--silent", "typecheck"]);
step("Analyse statique (oxlint, règles typées)", "npm", ["run", "--silent", "lint"]);
step("Construction de production", "npx", ["react-router", "build"]);
step("Tests unitaires et d'intégration", "npx", ["vitest", "run"]);
step("Tests de bout en bout (Chromium)", "npx", ["playwright", "test"], {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
});
console.log("\n✔ Tous les tests sont passés.");
