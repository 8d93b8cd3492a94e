// The carte de tiers payant for one year: who is on it and for which dates. Pure.

export interface CardPerson {
  firstName: string;
  lastName: string;
  birthDate: string;
  coverageStart: string;
  coverageEnd: string | null;
}

export interface CardAmc {
  number: string;
  conventionType: string;
  routingCriterion: string;
  responsible: boolean;
  tiersPayantDomains: { code: string; label: string }[];
}

export interface CardData {
  year: number;
  amcNumber: string;
  conventionType: string;
  routingCriterion: string;
  memberNumber: string;
  validFrom: string;
  validTo: string;
  responsible: boolean;
  domains: { code: string; label: string }[];
  beneficiaries: { firstName: string; lastName: string; birthDate: string }[];
  /** The harmonised fields, as the 2D code carries them. */
  codeText: string;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** Day of the year ("12-15") from which next year's card is offered, unless the mutuelle configures another. */
export const defaultNextYearCardFrom = "12-15";

/**
 * The last year a card is issued for on `today`: the current year, and next year's from the day the mutuelle
 * configures (typically mid-December, so members have it before 1 January).
 */
export function lastCardYear(today: string, nextYearFrom: string = defaultNextYearCardFrom): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= nextYearFrom ? year + 1 : year;
}

/** Where a card stands on `today`: past its year (kept for the record), current, or next year's, offered early. */
export function cardStatus(year: number, today: string): "expired" | "current" | "upcoming" {
  const current = Number(today.slice(0, 4));
  return year < current ? "expired" : year > current ? "upcoming" : "current";
}

/**
 * The card for `year`, or null when the contract does not cover any day of that year, or when the year is
 * not offered yet (a card is issued for the current year, the past ones, and next year's from `nextYearFrom`).
 */
export function buildCard(input: {
  year: number;
  today: string;
  nextYearFrom?: string;
  memberNumber: string;
  contract: { coverageStart: string; coverageEnd: string | null };
  people: CardPerson[];
  amc: CardAmc;
}): CardData | null {
  const { year, contract, amc } = input;
  if (year > lastCardYear(input.today, input.nextYearFrom)) return null;
  const validFrom = later(`${year}-01-01`, contract.coverageStart);
  const validTo = earlier(`${year}-12-31`, contract.coverageEnd ?? `${year}-12-31`);
  if (validFrom > validTo) return null;
  const beneficiaries = input.people
    .filter((p) => p.coverageStart <= validTo && (p.coverageEnd === null || p.coverageEnd >= validFrom))
    .map(({ firstName, lastName, birthDate }) => ({ firstName, lastName, birthDate }));
  if (beneficiaries.length === 0) return null;
  const compact = (d: string) => d.replaceAll("-", "");
  return {
    year,
    amcNumber: amc.number,
    conventionType: amc.conventionType,
    routingCriterion: amc.routingCriterion,
    memberNumber: input.memberNumber,
    validFrom,
    validTo,
    responsible: amc.responsible,
    domains: amc.tiersPayantDomains,
    beneficiaries,
    codeText: [
      `AMC:${amc.number}`,
      `CONV:${amc.conventionType}`,
      `CSR:${amc.routingCriterion}`,
      `ADH:${input.memberNumber}`,
      `VAL:${compact(validFrom)}-${compact(validTo)}`,
      `DOM:${amc.tiersPayantDomains.map((d) => d.code).join(",")}`,
      ...beneficiaries.map(
        (b) => `BEN:${b.lastName.toUpperCase()} ${b.firstName.toUpperCase()} ${compact(b.birthDate)}`,
      ),
    ].join("|"),
  };
}

/**
 * The years a card exists for, newest first: from the contract's first year to the current one, and next
 * year's from `nextYearFrom` when the contract runs into it.
 */
export function cardYears(
  contract: { coverageStart: string; coverageEnd: string | null },
  today: string,
  nextYearFrom?: string,
): number[] {
  const first = Number(contract.coverageStart.slice(0, 4));
  const offered = lastCardYear(today, nextYearFrom);
  const last = Math.min(offered, contract.coverageEnd ? Number(contract.coverageEnd.slice(0, 4)) : offered);
  const years: number[] = [];
  for (let y = last; y >= first; y--) years.push(y);
  return years;
}
