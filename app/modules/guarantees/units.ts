// The unit a guarantee counts in, as members read it: a private room is paid per night ("nuits"), other
// per-day guarantees per day, sessions per "séance". Pure.
import type { CategoryCode } from "./categories.ts";

export type CountUnit = "séance" | "jour" | "nuit";

/** The unit of a per-day guarantee: "nuit" for a private room, "jour" otherwise. */
export function dayUnit(category: CategoryCode | string): "jour" | "nuit" {
  return category === "hospitalisation_chambre_particuliere" ? "nuit" : "jour";
}

/** "séance" and "nuit" are feminine ("2 nuits utilisées"), "jour" masculine ("2 jours utilisés"). */
export function isFeminine(unit: CountUnit): boolean {
  return unit !== "jour";
}
