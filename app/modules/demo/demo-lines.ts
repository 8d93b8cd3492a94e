// The shapes of the demo story (demo-story.ts) and its two common lines, priced as the Sécurité sociale and a
// contrat responsable price them.
export interface DemoLine {
  beneficiary: string;
  careType: string;
  /** The guarantee category the line was priced under (what meters and renewals count). */
  category: string;
  careDate: string;
  paymentDate: string;
  chargedCents: number;
  baseCents: number;
  amoCents: number;
  amcCents: number;
  /** Sécurité sociale rate in basis points, and what it withheld (participation forfaitaire, franchises). */
  amoRateBp: number | null;
  amoDeductibleCents: number;
  guaranteeLabel: string;
  /** Paid to whom: a first name of the household, or "professional" for tiers payant. */
  paidTo: string;
  professionalName?: string;
}

export interface DemoHousehold {
  memberNumber: string;
  email: string;
  coverageLevel: string;
  coverageStart: string;
  premiumMonthlyCents: number;
  sepaMandateRef: string;
  address: { line1: string; postalCode: string; city: string; phone: string };
  people: {
    firstName: string;
    lastName: string;
    role: "member" | "spouse" | "child";
    birthDate: string;
    /** Last three digits of the person's own bank account, if reimbursements go to their own account. */
    ownAccountSuffix?: string;
  }[];
  lines: DemoLine[];
  /** References carry the year the request was made in ("DR-2026-L4K7P2M9"): the year is rewritten with the dates. */
  requests: {
    reference: string;
    beneficiary: string;
    careType: string;
    careDate: string;
    status: "accepted" | "in_progress" | "submitted";
    createdAt: string;
  }[];
  documents: { kind: "tiers_payant_card" | "guarantee_table" | "notice"; year: number | null; title: string }[];
  /**
   * Messagerie threads (keys from messaging/categories.ts). Dates count back from the day of seeding, so the
   * one-year purge never empties a demo seeded a while ago.
   */
  threads?: {
    category: string;
    subject: string;
    messages: { author: "member" | "advisor"; daysAgo: number; body: string }[];
  }[];
}

/**
 * Pharmacy at the 65 % rate: the mutuelle pays the ticket modérateur. The Sécurité sociale withholds the 1 €
 * franchise médicale per box from an adult's part (CSS L160-13 III, D160-9; minors are exempt, L160-13 IV), which
 * a contrat responsable leaves with the member (L871-1): that is all that is left to pay.
 */
export function pharmacy(
  beneficiary: string,
  careDate: string,
  paymentDate: string,
  chargedCents: number,
  paidTo: string,
  /** Boxes the franchise applies to: 0 for a minor. */
  franchiseBoxes: number,
): DemoLine {
  const ticketModerateurCents = chargedCents - Math.round(chargedCents * 0.65);
  const amoDeductibleCents = franchiseBoxes * 100;
  return {
    beneficiary,
    careType: "pharmacie",
    category: "pharmacie_65",
    careDate,
    paymentDate,
    chargedCents,
    baseCents: chargedCents,
    amoRateBp: 6500,
    amoDeductibleCents,
    amoCents: chargedCents - ticketModerateurCents - amoDeductibleCents,
    amcCents: ticketModerateurCents,
    guaranteeLabel: "100 % BR y compris Sécurité sociale",
    paidTo,
  };
}

/**
 * GP visit at 30 €: Sécurité sociale 70 %; the mutuelle pays the 30 % ticket modérateur. From an adult's part the
 * Sécurité sociale withholds the 2 € participation forfaitaire (CSS L160-13 II, R160-16), which stays with the
 * member (L871-1); minors are exempt (L160-13 IV).
 */
export function gpVisit(
  beneficiary: string,
  careDate: string,
  paymentDate: string,
  paidTo: string,
  age: "adult" | "minor",
): DemoLine {
  const amoDeductibleCents = age === "adult" ? 200 : 0;
  return {
    beneficiary,
    careType: "medecin",
    category: "generaliste",
    careDate,
    paymentDate,
    chargedCents: 3000,
    baseCents: 3000,
    amoRateBp: 7000,
    amoDeductibleCents,
    amoCents: 2100 - amoDeductibleCents,
    amcCents: 900,
    guaranteeLabel: "200 % BR y compris Sécurité sociale",
    paidTo,
    professionalName: "Dr Martin Lefèvre",
  };
}
