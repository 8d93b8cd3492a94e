// Distances on the Earth's surface and the bounding box that narrows a search before them. Pure.

export interface Point {
  latitude: number;
  longitude: number;
}

/** Mean radius of the Earth in kilometres (the same constant the SQL uses, see search.server.ts). */
export const earthRadiusKm = 6371;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine formula). */
export function distanceKm(a: Point, b: Point): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
}

/**
 * The smallest latitude/longitude box holding every point within `radiusKm` of `center`: a point outside it is
 * farther than the radius, so the box can be searched on an index before any distance is computed. Near a pole
 * (or for a radius reaching one) the box spans every longitude.
 */
export function boundingBox(center: Point, radiusKm: number): BoundingBox {
  const angular = radiusKm / earthRadiusKm; // radians
  const lat = radians(center.latitude);
  const minLat = lat - angular;
  const maxLat = lat + angular;
  const degrees = (r: number) => (r * 180) / Math.PI;
  if (minLat <= -Math.PI / 2 || maxLat >= Math.PI / 2) {
    return {
      minLatitude: Math.max(-90, degrees(minLat)),
      maxLatitude: Math.min(90, degrees(maxLat)),
      minLongitude: -180,
      maxLongitude: 180,
    };
  }
  // The widest longitude span is reached at the latitude where the circle touches the meridians.
  const dLon = Math.asin(Math.min(1, Math.sin(angular) / Math.cos(lat)));
  return {
    minLatitude: degrees(minLat),
    maxLatitude: degrees(maxLat),
    minLongitude: Math.max(-180, center.longitude - degrees(dLon)),
    maxLongitude: Math.min(180, center.longitude + degrees(dLon)),
  };
}

/** "350 m", "1,2 km", "12 km": how far, as the list shows it. */
export function formatDistance(km: number): string {
  if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)} m`;
  if (km < 10) return `${(Math.round(km * 10) / 10).toFixed(1).replace(".", ",")} km`;
  return `${Math.round(km)} km`;
}
