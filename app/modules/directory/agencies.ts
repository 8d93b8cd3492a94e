// The mutuelle's agencies (brand configuration) as /aide-contact shows them: today's hours and whether each
// is open at the clock's instant in Paris, and, from a point, the nearest first with its distance. Pure.
import type { Brand } from "../config/brand.server.ts";
import { distanceKm, formatDistance, type Point } from "./geo.ts";
import { agencyStatus, type Weekday } from "./opening-hours.ts";

export interface AgencyView {
  name: string;
  address: string[];
  postcode: string;
  city: string;
  hours: { days: string; hours: string }[];
  /** Null when the configuration gives no weekly hours. */
  status: { today: Weekday; todayHours: string; open: boolean } | null;
  distance: string | null;
  distanceKm: number | null;
  /** Where the agency is, when the configuration says (for the map). */
  latitude: number | null;
  longitude: number | null;
}

export function agencyViews(agencies: Brand["agencies"], now: Date, from: Point | null): AgencyView[] {
  const views = agencies.map((a) => {
    const km =
      from && a.latitude !== undefined && a.longitude !== undefined
        ? distanceKm(from, { latitude: a.latitude, longitude: a.longitude })
        : null;
    return {
      name: a.name,
      address: a.address,
      postcode: a.postcode,
      city: a.city,
      hours: a.hours,
      status: a.openingHours ? agencyStatus(a.openingHours, now) : null,
      distance: km === null ? null : formatDistance(km),
      distanceKm: km,
      latitude: a.latitude ?? null,
      longitude: a.longitude ?? null,
    };
  });
  if (!from) return views;
  // Nearest first; an agency without coordinates after those with.
  return views.sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity));
}
