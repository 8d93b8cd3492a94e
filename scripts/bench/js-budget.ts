// The front-end budget (docs/benchmarks.md): every member page loads at most 120 KB of gzipped JavaScript on
// first load. Read from the build, without a server or a clock, so it gives the same figure on every run:
// React Router's route manifest (build/client/assets/manifest-*.js) names what a page's HTML preloads — as its
// <Scripts> writes them: the manifest file itself, the entry (entry.client and its static imports), then for
// each route the page matches (root, the site layout, the page) its module and its static imports. Each file is
// gzipped as the server sends it (the compression middleware: zlib's default level) and the sizes added up, as
// frontend-weight.ts does over HTTP for the pages the bench signs in to; 1 KB = 1,024 bytes.
//
// `node scripts/bench/js-budget.ts [build/client]` prints the table and exits 1 when a member page is over;
// `npm run bench` writes the table into docs/benchmarks.md; tests/integration/js-budget.test.ts fails the build.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const budgetBytes = 120 * 1024;

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  hasDefaultExport: boolean;
  module: string;
  imports?: string[];
}

export interface RouteManifest {
  /** The manifest file's own URL ("/assets/manifest-….js"): every page imports it. */
  url: string;
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
}

export interface FirstLoad {
  routeId: string;
  /** The page's path pattern, e.g. "/remboursements/:id". */
  path: string;
  /** A member's page: counted against the budget (see `outsideBudget`). */
  member: boolean;
  files: string[];
  jsGzip: number;
}

// Pages of the portal that are not member pages: the advisors' back-office, and the adhesion journey of a
// prospect who is not a member yet. Shown in the table, not held to the budget.
const outsideBudget: { test: (id: string) => boolean; why: string }[] = [
  { test: (id) => id.startsWith("routes/back-office"), why: "back-office (advisors)" },
  { test: (id) => id === "routes/adherer", why: "adhesion journey (prospects)" },
];

const prefix = "window.__reactRouterManifest=";

/** The route manifest of a client build (there may be other `manifest-*` files: a route named manifest). */
export function readRouteManifest(clientDir = "build/client"): RouteManifest {
  const assets = join(clientDir, "assets");
  for (const name of readdirSync(assets)) {
    if (!name.startsWith("manifest-") || !name.endsWith(".js")) continue;
    const text = readFileSync(join(assets, name), "utf8");
    if (!text.startsWith(prefix)) continue;
    const manifest = JSON.parse(text.slice(prefix.length).replace(/;\s*$/, "")) as Omit<RouteManifest, "url">;
    return { url: `/assets/${name}`, ...manifest };
  }
  throw new Error(`no React Router manifest in ${assets}: run \`npx react-router build\` first`);
}

/** The routes a page of `routeId` renders, outermost first (root, layout, page). */
function branch(manifest: RouteManifest, routeId: string): ManifestRoute[] {
  const out: ManifestRoute[] = [];
  for (let r = manifest.routes[routeId]; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) out.unshift(r);
  return out;
}

export function routePath(manifest: RouteManifest, routeId: string): string {
  const segments = branch(manifest, routeId)
    .map((r) => r.path ?? "")
    .filter(Boolean);
  return `/${segments.join("/")}`;
}

/** Every script a first load of the page fetches, in the order <Scripts> lists them, each once. */
export function firstLoadScripts(manifest: RouteManifest, routeId: string): string[] {
  const files = new Set([manifest.url, manifest.entry.module, ...manifest.entry.imports]);
  for (const route of branch(manifest, routeId)) {
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  return [...files];
}

export function isMemberPage(routeId: string): boolean {
  return !outsideBudget.some((o) => o.test(routeId));
}

/** First-load JavaScript of every page of the build (routes with a component; resource routes have none). */
export function measureFirstLoads(clientDir = "build/client"): FirstLoad[] {
  const manifest = readRouteManifest(clientDir);
  const gzipped = new Map<string, number>();
  const sizeOf = (url: string) => {
    let size = gzipped.get(url);
    if (size === undefined) gzipped.set(url, (size = gzipSync(readFileSync(join(clientDir, url))).length));
    return size;
  };
  return Object.values(manifest.routes)
    .filter(
      (r) => r.hasDefaultExport && r.id !== "root" && !Object.values(manifest.routes).some((c) => c.parentId === r.id),
    )
    .map((r) => {
      const files = firstLoadScripts(manifest, r.id);
      return {
        routeId: r.id,
        path: routePath(manifest, r.id),
        member: isMemberPage(r.id),
        files,
        jsGzip: files.reduce((sum, f) => sum + sizeOf(f), 0),
      };
    })
    .sort((a, b) => b.jsGzip - a.jsGzip || a.path.localeCompare(b.path));
}

export const overBudget = (loads: FirstLoad[]) => loads.filter((l) => l.member && l.jsGzip > budgetBytes);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Markdown: the budget's verdict, then every page, heaviest first. */
export function budgetReport(loads: FirstLoad[]): string[] {
  const members = loads.filter((l) => l.member);
  const worst = members[0];
  const over = overBudget(loads);
  return [
    `Member pages ≤ ${kb(budgetBytes)} gzipped JS on first load: ${over.length ? `**not met** (${over.map((l) => `\`${l.path}\``).join(", ")})` : "met"}; the heaviest, \`${worst?.path}\`, ${worst ? kb(worst.jsGzip) : "—"} (${worst?.files.length} files).`,
    "",
    "| page | route module | JS gzipped (files) | budget |",
    "|---|---|---|---|",
    ...loads.map((l) => {
      const why = outsideBudget.find((o) => o.test(l.routeId))?.why;
      const verdict = why ? `not a member page: ${why}` : l.jsGzip > budgetBytes ? "**over**" : "within";
      return `| \`${l.path}\` | ${l.routeId} | ${kb(l.jsGzip)} (${l.files.length}) | ${verdict} |`;
    }),
  ];
}

if (import.meta.main) {
  const loads = measureFirstLoads(process.argv[2] ?? "build/client");
  console.log(budgetReport(loads).join("\n"));
  if (overBudget(loads).length) process.exitCode = 1;
}
