// The demo's directory: a few hundred fictional professionals around several French cities, the same on every
// run (a seeded generator), as lines of a directory file. Names are invented; identifiers start with 99 so
// they match no real RPPS, ADELI or FINESS number. Pure.
import type { SpecialtyCode } from "./specialties.ts";

const cities = [
  {
    city: "Lyon",
    phonePrefix: "4",
    postcodes: ["69001", "69002", "69003", "69006", "69007"],
    latitude: 45.7578,
    longitude: 4.832,
    count: 90,
  },
  {
    city: "Rennes",
    phonePrefix: "2",
    postcodes: ["35000", "35200", "35700"],
    latitude: 48.1113,
    longitude: -1.68,
    count: 50,
  },
  {
    city: "Paris",
    phonePrefix: "1",
    postcodes: ["75010", "75011", "75012", "75014", "75015"],
    latitude: 48.8566,
    longitude: 2.3522,
    count: 70,
  },
  {
    city: "Nantes",
    phonePrefix: "2",
    postcodes: ["44000", "44100", "44300"],
    latitude: 47.2184,
    longitude: -1.5536,
    count: 40,
  },
  {
    city: "Bordeaux",
    phonePrefix: "5",
    postcodes: ["33000", "33100", "33200"],
    latitude: 44.8378,
    longitude: -0.5792,
    count: 35,
  },
  {
    city: "Marseille",
    phonePrefix: "4",
    postcodes: ["13001", "13005", "13008"],
    latitude: 43.2965,
    longitude: 5.3698,
    count: 35,
  },
  { city: "Lille", phonePrefix: "3", postcodes: ["59000", "59800"], latitude: 50.6292, longitude: 3.0573, count: 30 },
];

const lastNames = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Lefebvre",
  "Michel",
  "Garcia",
  "David",
  "Bertrand",
  "Roux",
  "Vincent",
  "Fournier",
  "Morel",
  "Girard",
  "André",
  "Mercier",
  "Dupont",
  "Lambert",
  "Bonnet",
  "François",
  "Martinez",
  "Legrand",
  "Garnier",
  "Faure",
  "Rousseau",
  "Blanc",
  "Guérin",
  "Muller",
  "Henry",
  "Roussel",
  "Nicolas",
  "Perrin",
  "Morin",
  "Mathieu",
];
const firstNames = [
  "Camille",
  "Léa",
  "Manon",
  "Chloé",
  "Inès",
  "Sarah",
  "Julie",
  "Claire",
  "Hugo",
  "Lucas",
  "Louis",
  "Nathan",
  "Jules",
  "Thomas",
  "Antoine",
  "Paul",
  "Élise",
  "Anne",
  "Marc",
  "Sophie",
  "Nicolas",
  "Pauline",
  "Yanis",
  "Karim",
];
const streets = [
  "rue de la République",
  "avenue Jean-Jaurès",
  "rue Victor-Hugo",
  "boulevard Gambetta",
  "place de la Mairie",
  "rue du Marché",
  "rue Pasteur",
  "avenue de la Gare",
  "rue des Écoles",
  "rue Émile-Zola",
  "cours Lafayette",
  "rue Voltaire",
  "rue de la Paix",
  "quai des Marins",
  "rue des Tilleuls",
  "avenue Foch",
];

// How often each specialty appears, and how its establishments are named.
const kinds: { code: SpecialtyCode; weight: number; name: (last: string, first: string, street: string) => string }[] =
  [
    {
      code: "opticien",
      weight: 18,
      name: (l, _f, s) => `Optique ${l}` + (s.startsWith("place") ? " de la Place" : ""),
    },
    { code: "audioprothesiste", weight: 8, name: (l) => `Audition ${l}` },
    { code: "dentiste", weight: 14, name: (l, f) => `Dr ${f} ${l}` },
    { code: "osteopathe", weight: 8, name: (l, f) => `${f} ${l}` },
    { code: "chiropracteur", weight: 4, name: (l, f) => `${f} ${l}` },
    { code: "psychologue", weight: 8, name: (l, f) => `${f} ${l}` },
    { code: "generaliste", weight: 12, name: (l, f) => `Dr ${f} ${l}` },
    { code: "kinesitherapeute", weight: 8, name: (l, f) => `${f} ${l}` },
    { code: "pharmacie", weight: 12, name: (l) => `Pharmacie ${l}` },
    { code: "laboratoire", weight: 3, name: (l) => `Laboratoire ${l}` },
    { code: "radiologie", weight: 3, name: (l) => `Imagerie ${l}` },
    { code: "hopital", weight: 2, name: (l) => `Clinique ${l}` },
  ];

const establishments = new Set<SpecialtyCode>(["pharmacie", "laboratoire", "radiologie", "hopital"]);
const equipment = new Set<SpecialtyCode>(["opticien", "audioprothesiste", "dentiste"]);

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DemoProfessionalLine = Record<string, string>;

/** The partner optician the demo member (69003 Lyon) finds first: what the end-to-end test looks for. */
export const demoNearestPartnerOptician = {
  identifier_kind: "adeli",
  identifier: "999690001",
  name: "Optique des Pentes",
  specialties: "opticien",
  address: "8 rue Paul-Bert",
  postcode: "69003",
  city: "Lyon",
  phone: "04 72 00 00 01",
  latitude: "45.74950",
  longitude: "4.84850",
  partner: "oui",
  offer_100_sante: "oui",
  tiers_payant: "oui",
  accessible: "oui",
} satisfies DemoProfessionalLine;

export function demoDirectory(): DemoProfessionalLine[] {
  const next = random(20261202);
  const pick = <T>(list: readonly T[]): T => {
    const value = list[Math.floor(next() * list.length)];
    if (value === undefined) throw new Error("demo directory: empty list");
    return value;
  };
  const totalWeight = kinds.reduce((s, k) => s + k.weight, 0);
  const lines: DemoProfessionalLine[] = [demoNearestPartnerOptician];
  let serial = 0;
  for (const place of cities) {
    for (let i = 0; i < place.count; i++) {
      serial++;
      let w = next() * totalWeight;
      const kind = kinds.find((k) => (w -= k.weight) < 0) ?? pick(kinds);
      const last = pick(lastNames);
      const first = pick(firstNames);
      const street = pick(streets);
      // Within about 6 km of the centre, denser near it.
      const r = 0.055 * Math.sqrt(next()) * (0.3 + next());
      const angle = next() * 2 * Math.PI;
      const latitude = place.latitude + r * Math.sin(angle) * 0.7;
      const longitude = place.longitude + r * Math.cos(angle);
      const finess = establishments.has(kind.code);
      const number = String(serial).padStart(5, "0");
      const partner = next() < 0.45;
      lines.push({
        identifier_kind: finess
          ? "finess"
          : kind.code === "opticien" || kind.code === "audioprothesiste"
            ? "adeli"
            : "rpps",
        identifier: finess
          ? `9999${number}`
          : kind.code === "opticien" || kind.code === "audioprothesiste"
            ? `9998${number}`
            : `999700${number}`,
        name: kind.name(last, first, street),
        specialties: kind.code === "osteopathe" && next() < 0.2 ? "osteopathe|kinesitherapeute" : kind.code,
        address: `${1 + Math.floor(next() * 120)} ${street}`,
        postcode: pick(place.postcodes),
        city: place.city,
        phone: `0${place.phonePrefix} ${[0, 0, 0, 0].map(() => String(Math.floor(next() * 90) + 10)).join(" ")}`,
        latitude: latitude.toFixed(5),
        longitude: longitude.toFixed(5),
        partner: partner ? "oui" : "non",
        offer_100_sante: equipment.has(kind.code) && (partner || next() < 0.5) ? "oui" : "non",
        tiers_payant: partner || next() < 0.6 ? "oui" : "non",
        accessible: next() < 0.7 ? "oui" : "non",
      });
    }
  }
  return lines;
}
