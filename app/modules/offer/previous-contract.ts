// The résiliation infra-annuelle of the member's current contract, asked in the journey (the mutuelle notifies it
// in the member's name), and the former insurer's answer recorded in the back-office. Pure: no I/O.
// Sources (docs/offer.md, "Legal sources"): loi n° 2019-733 du 14 juillet 2019; art. L221-10-2 code de la
// mutualité, L113-15-2 code des assurances, L932-12-2 code de la sécurité sociale (one per kind of organism);
// décret n° 2020-1438 du 24 novembre 2020. The contract may be ended "après expiration d'un délai d'un an à
// compter de la première souscription", and the résiliation "prend effet un mois après" the organism receives
// the notification; the new organism does the formalities and both make sure cover is not interrupted.
import { addDays, addMonths, addYears } from "../clock/calendar.ts";
import { formatDate } from "../shared/format.ts";

/** The 1st of the month of `date`, or of the next month when `date` is not a 1st. */
export function firstOnOrAfter(date: string): string {
  return date.endsWith("-01") ? date : `${addMonths(date, 1).slice(0, 7)}-01`;
}

export interface PreviousContractTiming {
  /** The first anniversary of the former contract: the résiliation may be notified from that day. */
  oneYearOn: string;
  /** The earliest day the former contract can end: one month after a notification sent today or at one year. */
  earliestEnd: string;
  /** The earliest start date (a 1st) the new contract can have without covering the member twice. */
  earliestStart: string;
}

/**
 * When the former contract, subscribed on `previousStart`, can end if the mutuelle notifies its résiliation no
 * earlier than `today` (the letter leaves after the adhesion is accepted: "today" is the earliest it can be sent).
 */
export function previousContractTiming(previousStart: string, today: string): PreviousContractTiming {
  const oneYearOn = addYears(previousStart, 1);
  const notifiedOn = oneYearOn > today ? oneYearOn : today;
  const earliestEnd = addMonths(notifiedOn, 1);
  return { oneYearOn, earliestEnd, earliestStart: firstOnOrAfter(earliestEnd) };
}

/**
 * What is wrong with starting on `startDate` while the former contract (subscribed on `previousStart`) is
 * cancelled by the mutuelle, as a field and a French message, or null. Both cases offer the two ways out. The
 * message sits on the new contract's start date, the field to change, and names it; when the former contract is
 * under a year old it also says which date was read, so a mistyped one can be corrected there.
 */
export function previousContractClash(
  previousStart: string,
  startDate: string,
  today: string,
): { field: "startDate"; message: string } | null {
  const t = previousContractTiming(previousStart, today);
  if (startDate >= t.earliestStart) return null;
  const yourself =
    "ou décochez la case et résiliez vous-même votre contrat actuel à sa date de renouvellement annuel (lettre à " +
    "votre organisme au moins deux mois avant cette date, souvent le 31 décembre).";
  // Not a year old today: the anniversary is what holds the start back.
  if (t.oneYearOn > today)
    return {
      field: "startDate",
      message:
        `Votre contrat actuel, commencé le ${formatDate(previousStart)}, aura un an le ${formatDate(t.oneYearOn)} : ` +
        `la loi ne permet de le résilier en cours d'année qu'après un an d'adhésion, et la résiliation prend effet ` +
        `un mois après sa réception par votre organisme, soit le ${formatDate(t.earliestEnd)} au plus tôt. ` +
        `Choisissez une date de début de votre nouveau contrat à partir du ${formatDate(t.earliestStart)} (si la ` +
        `date de début de votre contrat actuel est mal saisie, corrigez-la plutôt), ${yourself}`,
    };
  return {
    field: "startDate",
    message:
      `La résiliation de votre contrat actuel prend effet un mois après sa réception par votre organisme, soit le ` +
      `${formatDate(t.earliestEnd)} au plus tôt : pour ne pas être couvert (et payer) deux fois, choisissez une ` +
      `date de début de votre nouveau contrat à partir du ${formatDate(t.earliestStart)}, ${yourself}`,
  };
}

/** The former insurer's answer to the letter, as the gestionnaire records it. */
export type InsurerAnswer =
  | { kind: "accepted"; receivedOn: string; lastCoveredDay: string }
  | { kind: "refused"; receivedOn: string; reason: string };

/**
 * How the former contract's end meets the new contract's start: "ok" when the new one starts the day after the
 * old one's last covered day, an overlap (days covered twice) or a gap (days without cover), in days.
 */
export function coverageJoin(
  lastCoveredDay: string,
  newStart: string,
):
  | { kind: "ok" }
  | { kind: "overlap"; days: number; from: string; to: string }
  | { kind: "gap"; days: number; from: string; to: string } {
  const dayAfter = addDays(lastCoveredDay, 1);
  if (dayAfter === newStart) return { kind: "ok" };
  const days = Math.round((Date.parse(dayAfter) - Date.parse(newStart)) / 86_400_000);
  return days > 0
    ? { kind: "overlap", days, from: newStart, to: lastCoveredDay }
    : { kind: "gap", days: -days, from: dayAfter, to: addDays(newStart, -1) };
}
