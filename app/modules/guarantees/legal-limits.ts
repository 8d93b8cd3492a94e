// Figures the law fixes, which the engine and the forms need. Contract data never overrides them; each one
// names its source so that a reviewer can check it (docs/guarantee-tables.md, "Entrées fixées par la loi").
import { addYears, ageOn } from "../clock/calendar.ts";

/**
 * The Sécurité sociale's rate on doctors' fees within the coordinated pathway: the insured's participation
 * is 30 % (UNCAM decision under art. L160-13 and R160-5 CSS), so the AMO pays 70 % of the BR. Outside the
 * pathway the participation is raised (majoration, art. L162-5-3 CSS) and the AMO pays 30 %.
 */
export const pathwayDoctorAmoRateBp = 7000;

/** Age at which a class I hearing aid's price limit drops from 1 400 € to 950 € per ear. */
export const hearingAidAdultAge = 20;

/**
 * Prix limite de vente of a 100 % Santé (class I) hearing aid, per ear (LPP, titre II chapitre 3, arrêté du
 * 14 novembre 2018): 1 400 € up to the 20th birthday, 950 € after it. On the 20th birthday itself the text
 * reads both ways ("jusqu'à leur 20e anniversaire"); the higher limit, which favours the member, applies.
 */
export function hearingAidClass1PriceLimitCents(birthDate: string, careDate: string): number {
  const young = ageOn(birthDate, careDate) < hearingAidAdultAge || careDate === addYears(birthDate, hearingAidAdultAge);
  return young ? 140_000 : 95_000;
}
