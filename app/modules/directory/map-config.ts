// The map beside the partner network's list (and the agencies'), shown only when the mutuelle configures a tile
// server (MAP_TILE_URL, MAP_ATTRIBUTION, MAP_ATTRIBUTION_URL; docs/directory.md, ADR 0021). Pure: read by the
// environment's validation, the security headers and the pages.

export interface MapSettings {
  /** Leaflet URL template: {z}, {x}, {y}, optionally {s} as the host's first label and {r}. */
  tiles: string;
  /** Plain text (never HTML), shown in the map's corner as the tile provider asks. */
  attribution: string;
  attributionUrl: string | null;
}

const template = /^https?:\/\/(\{s\}\.)?[a-z0-9.-]+(:\d{1,5})?\/\S*$/i;

/** Why a tile URL template is refused, in French, or null when it is usable. */
export function tileUrlProblem(url: string): string | null {
  if (!template.test(url)) return "adresse http(s):// attendue, {s} seulement en début de nom d'hôte";
  for (const part of ["{z}", "{x}", "{y}"]) if (!url.includes(part)) return `${part} manquant dans le modèle d'adresse`;
  return null;
}

/** The Content-Security-Policy image source for the tiles: the template's origin, `{s}.` as a wildcard label. */
export function tileImageSource(url: string): string {
  const origin = /^https?:\/\/[^/]+/i.exec(url)?.[0] ?? "";
  return origin.replace("{s}.", "*.");
}

export function mapSettings(env: {
  MAP_TILE_URL?: string | undefined;
  MAP_ATTRIBUTION?: string | undefined;
  MAP_ATTRIBUTION_URL?: string | undefined;
}): MapSettings | null {
  if (!env.MAP_TILE_URL || !env.MAP_ATTRIBUTION) return null;
  return { tiles: env.MAP_TILE_URL, attribution: env.MAP_ATTRIBUTION, attributionUrl: env.MAP_ATTRIBUTION_URL ?? null };
}
