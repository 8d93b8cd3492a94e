// The monthly price of a household on a level, from its tariff file. Pure: no I/O, no clock (the caller
// gives the pricing date). Rounding happens once per person (see docs/offer.md, "Arrondis").
import { addMonths, ageOn } from "../clock/calendar.ts";
import { FULL_RATE_BP, percentOfCents } from "../guarantees/money.ts";
import { selectTableVersion } from "../guarantees/versions.ts";
import { departementOf } from "./departement.ts";
import type { AgeBand, Insured, LevelTariff, TariffVersion, Zone } from "./model.ts";

export class PricingError extends Error {
  readonly code: "postcode" | "no_version" | "household" | "birth_date";
  constructor(code: PricingError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

export interface PricedPerson {
  /** Index in the given list. */
  index: number;
  role: Insured["role"];
  age: number;
  band: AgeBand;
  /** The band's price in the household's zone, before discounts. */
  baseCents: number;
  discounts: { kind: "young" | "couple"; rateBp: number }[];
  /** What the discounts take off (rounded once, half-up: in the member's favour). */
  discountCents: number;
  /** A child from the free rank on. */
  free: boolean;
  monthlyCents: number;
}

export interface HouseholdPrice {
  level: string;
  label: string;
  version: TariffVersion;
  departement: string;
  zone: Zone;
  people: PricedPerson[];
  monthlyCents: number;
}

/** The age used for the bands (see AgeBasis). */
export function pricingAge(version: Pick<TariffVersion, "ageBasis">, birthDate: string, date: string): number {
  return version.ageBasis === "reachedInYear"
    ? Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4))
    : ageOn(birthDate, date);
}

export function zoneOf(version: TariffVersion, departement: string): Zone {
  return version.zones.find((z) => z.departements.includes(departement)) ?? version.zones.find((z) => z.default)!;
}

export function bandOf(version: TariffVersion, age: number): AgeBand {
  return version.ageBands.find((b) => age >= b.from && (b.to === undefined || age <= b.to)) ?? version.ageBands[0]!;
}

/** Checks a household as the pricing rules need it: one subscriber, at most one spouse, born before the date. */
export function checkHousehold(people: readonly Insured[], date: string): void {
  if (people.filter((p) => p.role === "subscriber").length !== 1)
    throw new PricingError("household", "Il faut exactement un adhérent.");
  if (people.filter((p) => p.role === "spouse").length > 1)
    throw new PricingError("household", "Un seul conjoint peut être couvert.");
  for (const p of people)
    if (p.birthDate > date)
      throw new PricingError("birth_date", "Une date de naissance est postérieure à la date du tarif.");
}

export function priceHousehold(
  tariff: LevelTariff,
  input: { postalCode: string; date: string; people: readonly Insured[] },
): HouseholdPrice {
  const departement = departementOf(input.postalCode);
  if (!departement) throw new PricingError("postcode", "Ce code postal ne correspond à aucun département.");
  const version = selectTableVersion(tariff.versions, input.date);
  if (!version) throw new PricingError("no_version", `Pas de tarif ${tariff.label} en vigueur à cette date.`);
  checkHousehold(input.people, input.date);
  const zone = zoneOf(version, departement);
  const hasSpouse = input.people.some((p) => p.role === "spouse");

  const priced: PricedPerson[] = input.people.map((p, index) => {
    const age = pricingAge(version, p.birthDate, input.date);
    const band = bandOf(version, age);
    const baseCents = band.monthlyCents[zone.id]!;
    const discounts: PricedPerson["discounts"] = [];
    const adult = p.role === "subscriber" || p.role === "spouse";
    const { young, couple } = version.discounts;
    if (young && adult && age <= young.maxAge) discounts.push({ kind: "young", rateBp: young.rateBp });
    if (couple && hasSpouse && p.role === "spouse") discounts.push({ kind: "couple", rateBp: couple.rateBp });
    // Rates add up (never beyond 100 %) and are rounded once.
    const rateBp = Math.min(
      FULL_RATE_BP,
      discounts.reduce((t, d) => t + d.rateBp, 0),
    );
    const discountCents = percentOfCents(baseCents, rateBp);
    return {
      index,
      role: p.role,
      age,
      band,
      baseCents,
      discounts,
      discountCents,
      free: false,
      monthlyCents: baseCents - discountCents,
    };
  });

  const fromRank = version.family.freeChildFromRank;
  if (fromRank !== undefined) {
    const children = priced
      .filter((p) => p.role === "child")
      .sort(
        (a, b) =>
          b.monthlyCents - a.monthlyCents ||
          input.people[a.index]!.birthDate.localeCompare(input.people[b.index]!.birthDate) ||
          a.index - b.index,
      );
    children.forEach((child, i) => {
      if (i + 1 >= fromRank) {
        child.free = true;
        child.monthlyCents = 0;
      }
    });
  }
  return {
    level: tariff.level,
    label: tariff.label,
    version,
    departement,
    zone,
    people: priced,
    monthlyCents: priced.reduce((t, p) => t + p.monthlyCents, 0),
  };
}

/** The first of the month after `date`. */
export function firstOfNextMonth(date: string): string {
  return `${addMonths(date, 1).slice(0, 7)}-01`;
}

/**
 * When a member's move to `target` takes effect, asked on `today`, covered since `coverageStart`: the
 * target's rule (first of next month, or 1 January next), and never before minimumMonthsCovered have passed
 * (then on the first of the month after that date, or that date itself when it is a first).
 */
export function levelChangeEffectiveDate(target: LevelTariff, today: string, coverageStart: string): string {
  const byRule =
    target.change.effective === "firstOfNextYear" ? `${Number(today.slice(0, 4)) + 1}-01-01` : firstOfNextMonth(today);
  const eligible = addMonths(coverageStart, target.change.minimumMonthsCovered);
  const eligibleFirst = eligible.endsWith("-01") ? eligible : firstOfNextMonth(eligible);
  if (eligibleFirst <= byRule) return byRule;
  return target.change.effective === "firstOfNextYear" && !eligibleFirst.endsWith("-01-01")
    ? `${Number(eligibleFirst.slice(0, 4)) + 1}-01-01`
    : eligibleFirst;
}
