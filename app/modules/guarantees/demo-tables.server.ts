// Reads a guarantee table file from disk. The only I/O of the guarantees module: everything else is pure.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { GuaranteeCatalog } from "./model.ts";
import { GuaranteeTableError, parseGuaranteeTables } from "./table-file.ts";

export const demoGuaranteeTablesPath = "config/guarantees/demo.json";

/** Loads and validates a table file (relative to the working directory); throws GuaranteeTableError if refused. */
export function loadGuaranteeTablesFile(path: string): GuaranteeCatalog {
  const file = resolve(process.cwd(), path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new GuaranteeTableError(`Tableau de garanties illisible : ${file} (${(error as Error).message})`, []);
  }
  const result = parseGuaranteeTables(text);
  if (!result.ok) throw new GuaranteeTableError(`${file} : ${result.message}`, result.issues);
  return result.catalog;
}

export function loadDemoGuaranteeTables(): GuaranteeCatalog {
  return loadGuaranteeTablesFile(demoGuaranteeTablesPath);
}
