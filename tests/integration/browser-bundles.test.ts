// Zod stays on the server for the pages that import form modules for their labels (docs/architecture.md): the
// browser chunks each route loads, followed through their imports in the build, never include it. Reads the
// client build the integration suites already require (global-setup checks it is fresh).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const assets = "build/client/assets";
const files = readdirSync(assets).filter((f) => f.endsWith(".js"));

/** Every chunk a route's chunk loads, itself included. */
function chunksOf(route: string): string[] {
  const entry = files.find((f) => new RegExp(`^${route}-[A-Za-z0-9_-]{8}\\.js$`).test(f));
  if (!entry) throw new Error(`no browser chunk for the route ${route}`);
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(assets, file), "utf8");
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) walk(m[1]!);
  };
  walk(entry);
  return [...seen];
}

/** Zod's core, as it reads once minified: its classes keep their "$Zod…" names. */
const isZod = (file: string) => readFileSync(join(assets, file), "utf8").includes("$ZodType");

describe("browser bundles without Zod", () => {
  it("the bundle has Zod somewhere (so the check below can fail)", () => {
    expect(files.some(isZod)).toBe(true);
  });
  for (const route of [
    "adherer",
    "accueil",
    "offre",
    "messagerie-fil",
    "mon-compte-donnees-personnelles",
    "back-office-demande",
  ])
    it(`${route}: none of its chunks is Zod`, () => {
      expect(chunksOf(route).filter(isZod)).toEqual([]);
    });
});
