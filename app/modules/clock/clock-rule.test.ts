// The checked rule behind the clock (ADR 0011): outside app/modules/clock/, no code reads the machine's time
// for a business date. `new Date()` with no argument, `Date.now()`, and `.toISOString().slice(0, 10)` (the UTC
// date of an instant, a day behind Paris from midnight to 1–2 am) are refused, except the technical uses
// listed below, each with its reason and its exact count, so a new one in the same file fails too.
// (A plain test because ESLint is not set up yet; it becomes a lint rule with it.)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  clockCarrierModules,
  clockFreeIntegrationFiles,
  datedSupportModules,
} from "../../../tests/support/clock-free.ts";

const root = join(import.meta.dirname, "../../..");

const allowed: Record<string, { uses: number; why: string }> = {
  "app/modules/mail/mailer.server.ts": {
    uses: 1,
    why: "the outbox file's name sorts by the machine's time of writing",
  },
  "app/modules/storage/orphan-sweep.server.ts": {
    uses: 1,
    why: "a stored file's age, against the storage's own mtime or LastModified",
  },
  "app/modules/storage/local.server.ts": {
    uses: 1,
    why: "a temporary file's age on disk, against the file system's own mtime",
  },
  "app/modules/claims/uploads.server.ts": {
    uses: 1,
    why: "a scratch file's age on disk, against the file system's own mtime",
  },
  "app/modules/accounts/session-read.server.ts": {
    uses: 1,
    why: "session expiry: better-auth writes and checks sessions on the machine's time",
  },
  "app/modules/accounts/sessions.server.ts": {
    uses: 1,
    why: "session expiry: better-auth writes and checks sessions on the machine's time",
  },
  "app/modules/accounts/viewer.server.ts": {
    uses: 3,
    why: "session age and idle time, against better-auth's own timestamps",
  },
  "app/modules/accounts/step-up.server.ts": {
    uses: 5,
    why: "a code's expiry and the step-up's freshness and when it ends (shown on the RIB form), security durations in instants",
  },
  "app/modules/accounts/contact.server.ts": {
    uses: 4,
    why: "an e-mail link's expiry and the 30-day alert window, security durations in instants",
  },
  "app/modules/accounts/password-reset.server.ts": {
    uses: 2,
    why: "a reset link's expiry, a security duration in instants (better-auth's format)",
  },
  "app/modules/accounts/totp-replay.server.ts": {
    uses: 1,
    why: "the TOTP time step of a code, which the authenticator app derives from real time",
  },
  "app/modules/claims/draft-expiry.server.ts": { uses: 1, why: "a draft's age against the database's own updated_at" },
  "app/modules/claims/quotas.server.ts": {
    uses: 1,
    why: "the 30-day upload window against the database's own created_at",
  },
  "app/components/session-timeout.tsx": {
    uses: 5,
    why: "the browser's idle countdown before the session ends: elapsed real time, no business date",
  },
  "scripts/bench/generate-data.ts": {
    uses: 1,
    why: "the benchmark's data is generated up to the machine's now, as its server runs",
  },
  "scripts/bench/run.ts": { uses: 2, why: "a log line's time of day, and when the figures were measured" },
  "scripts/bench/scale-out-clients.ts": { uses: 1, why: "the bench database's recent days, as its server runs" },
  "app/modules/drafts/drafts.server.ts": {
    uses: 2,
    why: "the draft owner cookie's hour, a technical expiry signed into the cookie, not a business date",
  },
  "app/modules/accounts/account-lock.server.ts": {
    uses: 4,
    why: "the unlock link's 24 hours: a technical expiry, like a session's, not a business date",
  },
  "scripts/bench/machine.ts": { uses: 1, why: "when the benchmark ran, in its report" },
};

const forbidden = [/\bnew Date\(\s*\)/g, /\bDate\.now\(\s*\)/g, /\.toISOString\(\)\.slice\(0,\s*10\)/g];

/** Uses of the machine's time in a source text, comments left out. */
export function machineTimeUses(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/.*$/gm, "$1");
  return forbidden.flatMap((pattern) => code.match(pattern) ?? []);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" || name === "+types" ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe("one clock", () => {
  it("finds the machine's time however it is written, and not in comments", () => {
    expect(machineTimeUses("const today = new Date().toISOString().slice(0, 10);")).toHaveLength(2);
    expect(machineTimeUses("const year = new Date( ).getUTCFullYear(); const t = Date.now();")).toHaveLength(2);
    expect(machineTimeUses("on: m.createdAt.toISOString().slice(0, 10),")).toHaveLength(1);
    expect(machineTimeUses("// new Date() is not read here\nconst d = new Date(`${iso}T00:00:00Z`);")).toEqual([]);
  });

  it("no file outside app/modules/clock/ reads it for a business date", () => {
    const files = [...["app", "scripts", "server"].flatMap((d) => sourceFiles(join(root, d))), join(root, "server.js")];
    const found: Record<string, number> = {};
    for (const file of files) {
      const name = relative(root, file);
      if (name.startsWith("app/modules/clock/")) continue;
      const uses = machineTimeUses(readFileSync(file, "utf8")).length;
      if (uses > 0) found[name] = uses;
    }
    const expected = Object.fromEntries(Object.entries(allowed).map(([name, a]) => [name, a.uses]));
    // A difference names the file: use the clock from the services (context.get(servicesContext).clock, or
    // the `clock` a job or script is given) — or, for a technical instant, add it above with its reason.
    expect(found).toEqual(expected);
  });

  it("the integration files a pinned-clock run leaves out use no date: no dated support module, no written date", () => {
    const support = join(root, "tests/support");
    // Every support module that imports the test clock is classified: dated, or a carrier to the servers.
    const importersOfClock = readdirSync(support).filter((name) =>
      /from "\.\/clock\.ts"/.test(readFileSync(join(support, name), "utf8")),
    );
    expect(importersOfClock.filter((name) => !datedSupportModules.includes(name)).sort()).toEqual(
      [...clockCarrierModules].sort(),
    );
    const dated = (file: string) => {
      const code = readFileSync(join(root, file), "utf8").replace(/(^|\s)\/\/.*$/gm, "$1");
      const imports = [...code.matchAll(/from "\.\.\/support\/([\w-]+\.ts)"/g)].map((m) => m[1]!);
      return imports.some((name) => datedSupportModules.includes(name)) || /\b\d{4}-\d{2}-\d{2}\b/.test(code);
    };
    expect(clockFreeIntegrationFiles.filter(dated)).toEqual([]);
    // The rule itself: a file with a care date written in it, or one importing the clock, is dated.
    expect(dated("tests/integration/claims.test.ts")).toBe(true);
  });
});
