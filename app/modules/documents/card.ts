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

/**
 * The card for `year`, or null when the contract does not cover any day of that year, or when the year has
 * not started yet (a card is issued for the current year and the past ones).
 */
export function buildCard(input: {
  year: number;
  today: string;
  memberNumber: string;
  contract: { coverageStart: string; coverageEnd: string | null };
  people: CardPerson[];
  amc: CardAmc;
}): CardData | null {
  const { year, contract, amc } = input;
  if (year > Number(input.today.slice(0, 4))) return null;
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

/** The years a card exists for: from the contract's first year to the current one. */
export function cardYears(contract: { coverageStart: string; coverageEnd: string | null }, today: string): number[] {
  const first = Number(contract.coverageStart.slice(0, 4));
  const last = Math.min(Number(today.slice(0, 4)), Number((contract.coverageEnd ?? today).slice(0, 4)));
  const years: number[] = [];
  for (let y = last; y >= first; y--) years.push(y);
  return years;
}
