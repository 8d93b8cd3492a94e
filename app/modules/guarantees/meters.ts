// Usage counters as members read them: "Médecines douces : 75,00 € utilisés sur 150,00 €, 3 séances restantes".
import { formatDate, formatEuros } from "../shared/format.ts";
import type { UsageCounter } from "./model.ts";
import { isFeminine } from "./units.ts";

export interface Meter {
  id: string;
  label: string;
  text: string;
  /** For a <meter> element: used and limit in the same unit; absent for renewals. */
  gauge?: { value: number; max: number };
}

/** A renewal meter's last equipment, in the words of its part ("Derniers verres remboursés le …"). */
const lastReimbursed = {
  whole: "Dernier équipement remboursé",
  frame: "Dernière monture remboursée",
  lenses: "Derniers verres remboursés",
  left: "Dernière aide auditive de cette oreille remboursée",
  right: "Dernière aide auditive de cette oreille remboursée",
};
const nextReimbursed = {
  whole: "le prochain sera remboursé",
  frame: "la prochaine sera remboursée",
  lenses: "les prochains seront remboursés",
  left: "la prochaine sera remboursée",
  right: "la prochaine sera remboursée",
};

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

export function toMeter(counter: UsageCounter, today: string): Meter {
  switch (counter.kind) {
    case "forfait": {
      const sessions =
        counter.sessionsLeft !== undefined
          ? `, ${plural(counter.sessionsLeft, "séance")} ${counter.sessionsLeft > 1 ? "restantes" : "restante"}`
          : "";
      return {
        id: counter.id,
        label: counter.label,
        text: `${formatEuros(counter.usedCents)} utilisés sur ${formatEuros(counter.limitCents)}${sessions} (jusqu'au ${formatDate(counter.periodEnd)})`,
        gauge: { value: counter.usedCents, max: counter.limitCents },
      };
    }
    case "sessions":
      return {
        id: counter.id,
        label: counter.label,
        // In the guarantee's unit: "2 nuits utilisées sur 60", "1 séance utilisée sur 4", "3 jours utilisés sur 30".
        text: `${plural(counter.sessionsUsed, counter.unit)} utilisé${isFeminine(counter.unit) ? "e" : ""}${counter.sessionsUsed > 1 ? "s" : ""} sur ${plural(counter.sessionsLimit, counter.unit)} (jusqu'au ${formatDate(counter.periodEnd)})`,
        gauge: { value: counter.sessionsUsed, max: counter.sessionsLimit },
      };
    case "renewal":
      return {
        id: counter.id,
        // Renewal groups are named "de l'équipement optique…" in table files.
        label: /^d(e|es|u) /.test(counter.label) ? `Renouvellement ${counter.label}` : counter.label,
        text:
          !counter.nextEligibleDate || counter.nextEligibleDate <= today
            ? "Un nouvel équipement peut être remboursé dès maintenant."
            : `${lastReimbursed[counter.part ?? "whole"]} le ${formatDate(counter.lastEquipmentDate!)} : ${nextReimbursed[counter.part ?? "whole"]} à partir du ${formatDate(counter.nextEligibleDate)}.`,
      };
  }
}
