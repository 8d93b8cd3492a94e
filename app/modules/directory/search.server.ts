// The nearest professionals to a point: a bounding box on the coordinates' index first, the exact distance
// (haversine, in SQL) after, on a radius that widens until the page is full (ADR 0016). Plain SQL that
// PostgreSQL 15 and PGlite both run: no PostGIS.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { boundingBox, earthRadiusKm, type Point } from "./geo.ts";
import type { SpecialtyCode } from "./specialties.ts";

export interface ProfessionalHit {
  id: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  phone: string | null;
  latitude: number;
  longitude: number;
  specialties: string[];
  partner: boolean;
  offer100Sante: boolean;
  tiersPayant: boolean;
  accessible: boolean;
  distanceKm: number;
}

export interface SearchOptions {
  specialty?: SpecialtyCode | null;
  partnersOnly?: boolean;
  /** Results per page (20) and how many to skip. */
  limit?: number;
  offset?: number;
}

export interface SearchResult {
  hits: ProfessionalHit[];
  /** How many professionals lie within `radiusKm` (what the pages count). */
  total: number;
  radiusKm: number;
}

/** The first radius tried, and the widest: beyond it, the search says so rather than scanning France. */
export const firstRadiusKm = 5;
export const maxRadiusKm = 200;

/** The nearest listed professionals to `center`, nearest first (equal distances by id). */
export async function searchNearest(db: Db, center: Point, options: SearchOptions = {}): Promise<SearchResult> {
  const limit = options.limit ?? 20;
  const offset = options.offset ?? 0;
  let radius = firstRadiusKm;
  for (;;) {
    const result = await searchWithin(db, center, radius, { ...options, limit, offset });
    // Everything outside the radius is farther than everything inside: the page is exact once it is full.
    if (result.total >= offset + limit || radius >= maxRadiusKm) return result;
    radius = Math.min(maxRadiusKm, radius * 4);
  }
}

interface Row {
  id: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  phone: string | null;
  latitude: number;
  longitude: number;
  specialties: string[] | string;
  partner: boolean;
  offer_100_sante: boolean;
  tiers_payant: boolean;
  accessible: boolean;
  distance_km: number;
  total: number | string;
}

async function searchWithin(
  db: Db,
  center: Point,
  radiusKm: number,
  { specialty = null, partnersOnly = false, limit, offset }: SearchOptions & { limit: number; offset: number },
): Promise<SearchResult> {
  const box = boundingBox(center, radiusKm);
  // The box and the distance read the index alone (it includes id, specialties and partner: an index-only
  // scan); only the page's rows are then read from the table.
  const result = await db.execute(sql`
    with near as (
      select id, 2 * ${earthRadiusKm}::float8 * asin(least(1, sqrt(
          power(sin(radians(latitude - ${center.latitude}::float8) / 2), 2)
          + cos(radians(${center.latitude}::float8)) * cos(radians(latitude))
            * power(sin(radians(longitude - ${center.longitude}::float8) / 2), 2)
        ))) as distance_km
      from health_professional
      where withdrawn_at is null
        and latitude between ${box.minLatitude}::float8 and ${box.maxLatitude}::float8
        and longitude between ${box.minLongitude}::float8 and ${box.maxLongitude}::float8
        and (${specialty}::text is null or ${specialty}::text = any(specialties))
        and (not ${partnersOnly}::boolean or partner)
    ),
    within as (select id, distance_km from near where distance_km <= ${radiusKm}::float8),
    page as (select id, distance_km from within order by distance_km, id limit ${limit} offset ${offset})
    select p.id, p.name, p.address, p.postcode, p.city, p.phone, p.latitude, p.longitude, p.specialties, p.partner,
      p.offer_100_sante, p.tiers_payant, p.accessible, page.distance_km, (select count(*) from within) as total
    from page join health_professional p on p.id = page.id
    order by page.distance_km, page.id`);
  const rows = (result as { rows: Row[] }).rows;
  // A page past the end has no row to carry the count: count again (rare: a hand-edited page number).
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (!rows[0] && offset > 0) {
    const again = await searchWithin(db, center, radiusKm, { specialty, partnersOnly, limit: 1, offset: 0 });
    total = again.total;
  }
  return {
    radiusKm,
    total,
    hits: rows.map((r) => ({
      id: r.id,
      name: r.name,
      address: r.address,
      postcode: r.postcode,
      city: r.city,
      phone: r.phone,
      latitude: r.latitude,
      longitude: r.longitude,
      specialties: parseArray(r.specialties),
      partner: r.partner,
      offer100Sante: r.offer_100_sante,
      tiersPayant: r.tiers_payant,
      accessible: r.accessible,
      distanceKm: r.distance_km,
    })),
  };
}

/** node-postgres parses text[]; a driver that does not hands back "{a,b}". */
function parseArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean)
    .map((s) => s.replace(/^"|"$/g, ""));
}
