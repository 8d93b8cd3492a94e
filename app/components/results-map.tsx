// A map beside a list of places (the partner network's results, the agencies), only when the mutuelle configures
// a tile server. A complement: the list stays complete and primary; the map repeats its numbers. Nothing is
// rendered on the server or without JavaScript, and Leaflet (its script and stylesheet) is loaded by a dynamic
// import only here, after the page is shown (ADR 0021).
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { MapSettings } from "../modules/directory/map-config.ts";

export interface MapPoint {
  number: number;
  name: string;
  /** A few words after the name, e.g. the distance ("350 m") or the town. */
  detail: string;
  latitude: number;
  longitude: number;
  /** The id of the list item, for the popup's "Voir dans la liste" link. */
  anchor: string;
}

const noSubscription = () => () => {};

export function ResultsMap({
  settings,
  points,
  label,
}: {
  settings: MapSettings | null;
  points: MapPoint[];
  label: string;
}) {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  if (!settings || !hydrated || points.length === 0) return null;
  return <MapFrame settings={settings} points={points} label={label} />;
}

function MapFrame({ settings, points, label }: { settings: MapSettings; points: MapPoint[]; label: string }) {
  const canvas = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = canvas.current;
    let cancelled = false;
    let dispose: (() => void) | undefined;
    if (element) {
      import("./results-map.client.ts")
        .then(async ({ drawMap }) => {
          if (cancelled) return;
          const remove = await drawMap(element, settings, points);
          if (cancelled) remove();
          else dispose = remove;
        })
        .catch(() => {}); // offline or a failed chunk: the list is complete without the map
    }
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [settings, points]);
  return (
    <section className="results-map" aria-label={label}>
      <p className="muted">Les numéros de la carte sont ceux de la liste, qui donne les mêmes informations.</p>
      <div ref={canvas} className="results-map__canvas" />
    </section>
  );
}
