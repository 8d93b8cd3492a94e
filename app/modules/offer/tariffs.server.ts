// Reads the tariff files (one per level) from a folder. The only I/O of the offer's pricing.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { GuaranteeCatalog } from "../guarantees/index.ts";
import type { TariffCatalog } from "./model.ts";
import { checkTariffCatalog, parseTariffFile, TariffFileError, type TariffIssue } from "./tariff-file.ts";

export const demoTariffsDir = "config/tariffs";

/** Loads and validates every *.json of the folder; throws TariffFileError listing every mistake. */
export function loadTariffs(dir: string, guarantees: GuaranteeCatalog): TariffCatalog {
  const folder = resolve(process.cwd(), dir);
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((n) => n.endsWith(".json"))
      .sort();
  } catch (error) {
    throw new TariffFileError(`Dossier des tarifs illisible : ${folder} (${(error as Error).message})`, []);
  }
  const issues: TariffIssue[] = [];
  const files: { name: string; tariff: TariffCatalog[number] }[] = [];
  for (const name of names) {
    const result = parseTariffFile(readFileSync(join(folder, name), "utf8"));
    if (result.ok) files.push({ name, tariff: result.tariff });
    else issues.push(...result.issues.map((i) => ({ path: `${name}: ${i.path}`, message: i.message })));
  }
  const levels = guarantees.products.flatMap((p) => p.levels.map((l) => l.id));
  if (issues.length === 0) issues.push(...checkTariffCatalog(files, levels));
  if (issues.length > 0)
    throw new TariffFileError(
      `Tarifs refusés (${folder}) :\n${issues.map((i) => `  - ${i.path} : ${i.message}`).join("\n")}`,
      issues,
    );
  return files.map((f) => f.tariff).sort((a, b) => a.rank - b.rank);
}
