// Browser only, loaded by a dynamic import from results-map.tsx: Leaflet and its stylesheet are in this chunk.
import * as L from "leaflet";
import leafletStylesheet from "leaflet/dist/leaflet.css?url";
import type { MapSettings } from "../modules/directory/map-config.ts";
import type { MapPoint } from "./results-map.tsx";

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** The provider's credit: configuration is plain text, Leaflet wants HTML. */
function attributionHtml(settings: MapSettings): string {
  const text = escapeHtml(settings.attribution);
  return settings.attributionUrl ? `<a href="${escapeHtml(settings.attributionUrl)}">${text}</a>` : text;
}

function popupContent(point: MapPoint): HTMLElement {
  const box = document.createElement("div");
  const name = document.createElement("strong");
  name.textContent = `${point.number}. ${point.name}`;
  const detail = document.createElement("p");
  detail.textContent = point.detail;
  const link = document.createElement("a");
  link.href = `#${point.anchor}`;
  link.textContent = "Voir dans la liste";
  box.append(name, detail, link);
  return box;
}

/** Leaflet's stylesheet, linked by this chunk (not by the page): only pages that draw a map load it. */
function linkStylesheet(): Promise<void> {
  const href = new URL(leafletStylesheet, location.href).href;
  const existing = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].find(
    (l) => l.href === href,
  );
  if (existing) return Promise.resolve();
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  const loaded = new Promise<void>((resolve) => {
    link.addEventListener("load", () => {
      resolve();
    });
    link.addEventListener("error", () => {
      resolve();
    });
  });
  document.head.append(link);
  return loaded;
}

/** Draws the map in `element` once Leaflet's stylesheet is in; resolves with what removes it. */
export async function drawMap(element: HTMLElement, settings: MapSettings, points: MapPoint[]): Promise<() => void> {
  await linkStylesheet();
  const map = L.map(element, { zoomControl: false, attributionControl: false, scrollWheelZoom: false });
  L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
  L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
  L.tileLayer(settings.tiles, { attribution: attributionHtml(settings), maxZoom: 19 }).addTo(map);
  // The view first: Leaflet adds markers (and creates their elements) only on a map that has one.
  map.fitBounds(L.latLngBounds(points.map((p) => L.latLng(p.latitude, p.longitude))), {
    padding: [24, 24],
    maxZoom: 16,
  });
  for (const point of points) {
    const marker = L.marker([point.latitude, point.longitude], {
      icon: L.divIcon({ className: "results-map__marker", html: String(point.number), iconSize: [28, 28] }),
      keyboard: true, // focusable, Enter opens the popup
      title: `${point.number}. ${point.name}`,
      riseOnHover: true,
    })
      .bindPopup(popupContent(point))
      .addTo(map);
    marker.getElement()?.setAttribute("aria-label", `${point.number}. ${point.name}, ${point.detail}`);
  }
  map.on("popupopen", (event) => {
    const close = event.popup.getElement()?.querySelector(".leaflet-popup-close-button");
    close?.setAttribute("aria-label", "Fermer");
    close?.setAttribute("title", "Fermer");
  });
  map.getContainer().setAttribute("role", "group");
  map.getContainer().setAttribute("aria-label", "Carte (flèches pour se déplacer, + et − pour zoomer)");
  return () => {
    map.remove();
  };
}
