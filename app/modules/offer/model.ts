// The tariff of one level of cover (config/tariffs/*.json, format in docs/offer.md). Money in integer euro
// cents, rates in basis points (10000 = 100 %), dates "YYYY-MM-DD". Pure types.

export const ageBases = ["reachedInYear", "onDate"] as const;
/**
 * How a person's age is read for the age bands:
 *   - "reachedInYear": the age reached during the calendar year of the pricing date (year − year of birth),
 *     so a birthday during the year never changes the price within that year;
 *   - "onDate": the exact age on the pricing date (a birthday counts from that day).
 */
export type AgeBasis = (typeof ageBases)[number];

export const changeEffects = ["firstOfNextMonth", "firstOfNextYear"] as const;
export type ChangeEffect = (typeof changeEffects)[number];

export interface Zone {
  id: string;
  label: string;
  /** Départements of this zone ("75", "2A", "971"); the default zone takes every other one. */
  departements: string[];
  default: boolean;
}

export interface AgeBand {
  /** Inclusive. */
  from: number;
  /** Inclusive; absent on the last band (and beyond). */
  to?: number;
  /** Monthly price of one person of this band, per zone id. */
  monthlyCents: Record<string, number>;
}

export interface TariffVersion {
  effectiveFrom: string;
  effectiveTo?: string;
  note?: string;
  ageBasis: AgeBasis;
  zones: Zone[];
  ageBands: AgeBand[];
  family: {
    /** Children ranked by price (highest first, then the eldest): from this rank on they are free. */
    freeChildFromRank?: number;
  };
  discounts: {
    /** Adults (the subscriber and the spouse) aged at most maxAge: rateBp off their own price. */
    young?: { maxAge: number; rateBp: number };
    /** When a spouse is covered: rateBp off the spouse's price. */
    couple?: { rateBp: number };
  };
}

export interface LevelTariff {
  /** The guarantee tables' level id ("essentielle"): the two files describe the same level. */
  level: string;
  label: string;
  /** Order of the levels side by side (1 first). */
  rank: number;
  /** A member moving to this level: when the change takes effect, and how long they must have been covered. */
  change: { effective: ChangeEffect; minimumMonthsCovered: number };
  versions: TariffVersion[];
}

export type TariffCatalog = LevelTariff[];

export const insuredRoles = ["subscriber", "spouse", "child", "other"] as const;
export type InsuredRole = (typeof insuredRoles)[number];

export const insuredRoleLabels: Record<InsuredRole, string> = {
  subscriber: "Adhérent",
  spouse: "Conjoint",
  child: "Enfant",
  other: "Autre personne",
};

export interface Insured {
  role: InsuredRole;
  birthDate: string;
}
