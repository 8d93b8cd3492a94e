// When a résiliation asked today takes effect. Pure. Sources and the reading chosen: docs/offer.md.
//   - Art. L221-10-2 Code de la mutualité (résiliation infra-annuelle): after one year of membership, the member
//     may leave at any time; it takes effect one month after the mutuelle receives the notification.
//   - Before one year, the yearly right of L221-10 applies: the reading chosen is the first anniversary of the
//     contract, or one month after the notification if that is later.
import { addDays, addMonths, addYears } from "../clock/calendar.ts";

export interface TerminationDates {
  /** The day asked (the notification's date). */
  notifiedOn: string;
  /** The first day without cover. */
  takesEffect: string;
  /** The last day covered (inclusive). */
  lastCoveredDay: string;
  /** True when the contract is younger than one year on the day asked. */
  firstYear: boolean;
}

export function terminationDates(today: string, coverageStart: string): TerminationDates {
  const anniversary = addYears(coverageStart, 1);
  const oneMonth = addMonths(today, 1);
  const firstYear = today < anniversary;
  const takesEffect = firstYear && anniversary > oneMonth ? anniversary : oneMonth;
  return { notifiedOn: today, takesEffect, lastCoveredDay: addDays(takesEffect, -1), firstYear };
}

/** Why the member leaves: asked, never required. */
export const terminationReasons = {
  prix: "Le prix",
  garanties: "Les garanties ne me conviennent plus",
  employeur: "Je suis couvert par la mutuelle de mon employeur",
  css: "Je bénéficie de la Complémentaire santé solidaire",
  autre: "Autre raison, ou je préfère ne pas le dire",
} as const;
