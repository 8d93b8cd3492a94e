import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { budgetReport, firstLoadScripts, measureFirstLoads, overBudget, readRouteManifest } from "./js-budget.ts";

// A client build made up here: random bytes do not compress, so each file's gzipped size is about its size.
let dir: string;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fakeBuild(sizes: Record<string, number>) {
  dir = mkdtempSync(join(tmpdir(), "js-budget-"));
  mkdirSync(join(dir, "assets"));
  for (const [name, size] of Object.entries(sizes)) writeFileSync(join(dir, "assets", name), randomBytes(size));
  const route = (
    id: string,
    parentId: string | undefined,
    path: string | undefined,
    module: string,
    imports: string[],
  ) => ({
    id,
    parentId,
    path,
    hasDefaultExport: true,
    module: `/assets/${module}`,
    imports: imports.map((i) => `/assets/${i}`),
  });
  const manifest = {
    entry: { module: "/assets/entry.js", imports: ["/assets/framework.js"] },
    routes: {
      root: route("root", undefined, "", "root.js", ["framework.js"]),
      "routes/site-layout": { ...route("routes/site-layout", "root", undefined, "layout.js", []) },
      "routes/remboursements": route("routes/remboursements", "routes/site-layout", "remboursements", "page.js", [
        "shared.js",
      ]),
      "routes/back-office": route("routes/back-office", "routes/site-layout", "back-office", "bo.js", ["shared.js"]),
      "routes/export": { ...route("routes/export", "root", "export.csv", "empty.js", []), hasDefaultExport: false },
      "routes/manifest": route("routes/manifest", "root", "manifest.webmanifest", "manifest-route.js", []),
    },
  };
  // A route named "manifest" has a chunk manifest-*.js too: the real manifest is the one that sets the global.
  writeFileSync(join(dir, "assets", "manifest-route.js"), "export {};");
  writeFileSync(join(dir, "assets", "manifest-abc.js"), `window.__reactRouterManifest=${JSON.stringify(manifest)};`);
  return dir;
}

describe("js-budget", () => {
  const base = { "entry.js": 1000, "framework.js": 100_000, "root.js": 2000, "layout.js": 1000, "empty.js": 0 };

  it("adds the manifest, the entry and each matched route's module and imports, each file once", () => {
    const client = fakeBuild({ ...base, "page.js": 5000, "shared.js": 3000, "bo.js": 30_000 });
    const manifest = readRouteManifest(client);
    expect(manifest.url).toBe("/assets/manifest-abc.js");
    expect(firstLoadScripts(manifest, "routes/remboursements")).toEqual([
      "/assets/manifest-abc.js",
      "/assets/entry.js",
      "/assets/framework.js",
      "/assets/root.js",
      "/assets/layout.js",
      "/assets/page.js",
      "/assets/shared.js",
    ]);
    const loads = measureFirstLoads(client);
    // Pages only: no layout, no resource route.
    expect(loads.map((l) => l.path).toSorted()).toEqual(["/back-office", "/manifest.webmanifest", "/remboursements"]);
    const page = loads.find((l) => l.path === "/remboursements")!;
    expect(page.jsGzip).toBeGreaterThan(112_000);
    expect(page.jsGzip).toBeLessThan(114_000);
  });

  it("fails a member page over 120 KB, not an advisor's page", () => {
    const client = fakeBuild({ ...base, "page.js": 20_000, "shared.js": 3000, "bo.js": 30_000 });
    const loads = measureFirstLoads(client);
    expect(overBudget(loads).map((l) => l.path)).toEqual(["/remboursements"]);
    expect(budgetReport(loads)[0]).toContain("**not met** (`/remboursements`)");
  });

  it("passes when every member page is within", () => {
    const loads = measureFirstLoads(fakeBuild({ ...base, "page.js": 5000, "shared.js": 3000, "bo.js": 30_000 }));
    expect(overBudget(loads)).toEqual([]);
    expect(budgetReport(loads)[0]).toMatch(/: met; the heaviest, `\/remboursements`/);
  });
});
