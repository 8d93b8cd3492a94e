// The source document's story, as the document tells it (latest payment on 25/08/2026): Benoit Brouez's
// household and a second one for access tests. Amounts are in cents and add up on every line: charged = AMO +
// AMC + reste à charge. demo-households.ts moves these dates with the clock.

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
function pharmacy(
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
function gpVisit(
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

export const sourceBenoit: DemoHousehold = {
  memberNumber: "10000001",
  email: "benoit.brouez@example.com",
  address: { line1: "12 rue des Tilleuls", postalCode: "69003", city: "Lyon", phone: "06 12 34 56 78" },
  coverageLevel: "Optimale",
  coverageStart: "2025-01-01",
  premiumMonthlyCents: 28940,
  sepaMandateRef: "RUM-DEMO-10000001-2025-01",
  people: [
    { firstName: "Benoit", lastName: "Brouez", role: "member", birthDate: "1982-03-14", ownAccountSuffix: "123" },
    { firstName: "Sarah", lastName: "Mancion", role: "spouse", birthDate: "1984-09-02", ownAccountSuffix: "999" },
    { firstName: "Hélia", lastName: "Brouez", role: "child", birthDate: "2005-05-21", ownAccountSuffix: "143" },
    { firstName: "Louise", lastName: "Brouez", role: "child", birthDate: "2011-11-08" },
    { firstName: "Léa", lastName: "Brouez", role: "child", birthDate: "2015-02-17" },
  ],
  lines: [
    // The payments the source document shows (June to August 2026).
    pharmacy("Benoit", "2026-08-21", "2026-08-25", 12857, "Benoit", 3),
    {
      beneficiary: "Sarah",
      careType: "optique",
      category: "optique_verres_complexes",
      careDate: "2026-07-18",
      paymentDate: "2026-07-25",
      chargedCents: 60000,
      baseCents: 15,
      amoRateBp: 6000,
      amoDeductibleCents: 0,
      guaranteeLabel:
        "Équipement optique (verres et monture) : plafonds du contrat responsable, un équipement tous les 2 ans",
      amoCents: 9,
      amcCents: 40923,
      paidTo: "Sarah",
      professionalName: "Optique du Centre",
    },
    pharmacy("Benoit", "2026-06-30", "2026-07-03", 1260, "Benoit", 1),
    {
      beneficiary: "Louise",
      careType: "medecin",
      category: "generaliste",
      careDate: "2026-06-26",
      paymentDate: "2026-07-02",
      chargedCents: 3100,
      baseCents: 3000,
      amoRateBp: 7000,
      amoDeductibleCents: 0, // a minor: no participation forfaitaire (L160-13 IV)
      guaranteeLabel: "200 % BR y compris Sécurité sociale",
      amoCents: 2100,
      amcCents: 1000,
      paidTo: "Benoit",
      professionalName: "Dr Claire Dubois",
    },
    {
      beneficiary: "Hélia",
      careType: "medecin",
      category: "auxiliaires_medicaux",
      careDate: "2026-06-24",
      paymentDate: "2026-07-01",
      chargedCents: 4125,
      baseCents: 4125,
      amoRateBp: 6000,
      amoDeductibleCents: 100, // 1 € franchise per paramedical act (L160-13 III)
      guaranteeLabel: "100 % BR y compris Sécurité sociale",
      amoCents: 2375,
      amcCents: 1650,
      paidTo: "Hélia",
      professionalName: "Cabinet de kinésithérapie des Tilleuls",
    },
    pharmacy("Léa", "2026-06-23", "2026-06-26", 6857, "Benoit", 0),
    {
      beneficiary: "Hélia",
      careType: "optique",
      category: "optique_verres_complexes",
      careDate: "2026-06-12",
      paymentDate: "2026-06-19",
      chargedCents: 35000,
      baseCents: 15,
      amoRateBp: 6000,
      amoDeductibleCents: 0,
      guaranteeLabel:
        "Équipement optique (verres et monture) : plafonds du contrat responsable, un équipement tous les 2 ans",
      amoCents: 9,
      amcCents: 27905,
      paidTo: "Hélia",
      professionalName: "Optique du Centre",
    },
    pharmacy("Benoit", "2026-06-09", "2026-06-12", 1683, "Benoit", 2),
    {
      beneficiary: "Sarah",
      careType: "chiropractie",
      category: "chiropractie",
      careDate: "2026-05-28",
      paymentDate: "2026-06-05",
      chargedCents: 8000,
      baseCents: 0,
      amoRateBp: null,
      amoDeductibleCents: 0,
      guaranteeLabel: "Médecines douces : 75 € par séance, 150 € par an",
      amoCents: 0,
      amcCents: 7500,
      paidTo: "Sarah",
      professionalName: "Cabinet de chiropraxie Saint-Roch",
    },
    // A year of earlier history, all paid before June 2026.
    gpVisit("Léa", "2026-05-12", "2026-05-15", "Benoit", "minor"),
    pharmacy("Léa", "2026-05-12", "2026-05-14", 2314, "professional", 0),
    gpVisit("Sarah", "2026-04-20", "2026-04-23", "Sarah", "adult"),
    pharmacy("Louise", "2026-03-30", "2026-04-02", 987, "professional", 0),
    {
      beneficiary: "Benoit",
      careType: "dentaire",
      category: "dentaire_soins",
      careDate: "2026-03-10",
      paymentDate: "2026-03-16",
      chargedCents: 12000,
      baseCents: 6000,
      amoRateBp: 6000,
      amoDeductibleCents: 0,
      guaranteeLabel: "300 % BR y compris Sécurité sociale",
      amoCents: 3600,
      amcCents: 8400,
      paidTo: "Benoit",
      professionalName: "Dr Paul Garnier",
    },
    gpVisit("Benoit", "2026-02-18", "2026-02-20", "Benoit", "adult"),
    {
      beneficiary: "Hélia",
      careType: "analyses",
      category: "analyses",
      careDate: "2026-01-27",
      paymentDate: "2026-01-30",
      chargedCents: 4560,
      baseCents: 4560,
      amoRateBp: 6000,
      amoDeductibleCents: 200, // 2 € participation forfaitaire on biology (L160-13 II)
      guaranteeLabel: "100 % BR y compris Sécurité sociale",
      amoCents: 2536,
      amcCents: 1824,
      paidTo: "professional",
      professionalName: "Laboratoire Bio-Santé",
    },
    gpVisit("Louise", "2026-01-08", "2026-01-12", "Benoit", "minor"),
    pharmacy("Louise", "2026-01-08", "2026-01-09", 1544, "professional", 0),
    {
      beneficiary: "Sarah",
      careType: "radiologie",
      category: "radiologie",
      careDate: "2025-12-03",
      paymentDate: "2025-12-08",
      chargedCents: 6650,
      baseCents: 6650,
      amoRateBp: 7000,
      amoDeductibleCents: 200, // 2 € participation forfaitaire on imaging (L160-13 II)
      guaranteeLabel: "100 % BR y compris Sécurité sociale",
      amoCents: 4455,
      amcCents: 1995,
      paidTo: "Sarah",
      professionalName: "Centre d'imagerie du Parc",
    },
    gpVisit("Hélia", "2025-11-14", "2025-11-18", "Hélia", "adult"),
    pharmacy("Benoit", "2025-10-22", "2025-10-24", 3120, "professional", 2),
    {
      beneficiary: "Léa",
      careType: "dentaire",
      category: "dentaire_soins",
      careDate: "2025-09-30",
      paymentDate: "2025-10-06",
      chargedCents: 2300,
      baseCents: 2300,
      amoRateBp: 6000,
      amoDeductibleCents: 0,
      guaranteeLabel: "300 % BR y compris Sécurité sociale",
      amoCents: 1380,
      amcCents: 920,
      paidTo: "Benoit",
      professionalName: "Dr Paul Garnier",
    },
    gpVisit("Sarah", "2025-09-11", "2025-09-15", "Sarah", "adult"),
    {
      beneficiary: "Benoit",
      careType: "osteopathie",
      category: "osteopathie",
      careDate: "2025-07-21",
      paymentDate: "2025-07-28",
      chargedCents: 6000,
      baseCents: 0,
      amoRateBp: null,
      amoDeductibleCents: 0,
      guaranteeLabel: "Médecines douces : 50 € par séance, 150 € par an",
      amoCents: 0,
      amcCents: 5000,
      paidTo: "Benoit",
      professionalName: "Cabinet d'ostéopathie Voltaire",
    },
    pharmacy("Sarah", "2025-07-02", "2025-07-04", 4210, "professional", 3),
    gpVisit("Louise", "2025-06-16", "2025-06-19", "Benoit", "minor"),
  ],
  requests: [
    {
      reference: "DR-2026-L4K7P2M9",
      beneficiary: "Léa",
      careType: "dentaire",
      careDate: "2026-06-04",
      status: "accepted",
      createdAt: "2026-06-05T09:12:00Z",
    },
    {
      reference: "DR-2026-C8N3TZ5H",
      beneficiary: "Sarah",
      careType: "optique",
      careDate: "2026-02-12",
      status: "in_progress",
      createdAt: "2026-02-13T18:40:00Z",
    },
  ],
  documents: [], // cards and the guarantee table follow today (demoHouseholds)
  threads: [
    {
      category: "attestation",
      subject: "attestation-droits",
      messages: [
        {
          author: "member",
          daysAgo: 95,
          body: "Bonjour,\nPourriez-vous m'envoyer une attestation de droits pour l'inscription de Louise à la crèche ?\nMerci.\nBenoit Brouez",
        },
        {
          author: "advisor",
          daysAgo: 94,
          body: "Bonjour Monsieur Brouez,\nVotre attestation de droits est disponible à tout moment dans « Mes documents », rubrique Attestation de droits : vous pouvez la télécharger et l'imprimer.\nBien cordialement,\nVotre conseiller",
        },
      ],
    },
    {
      category: "cotisations",
      subject: "prelevement",
      messages: [
        {
          author: "member",
          daysAgo: 2,
          body: "Bonjour,\nMon prélèvement de ce mois apparaît deux fois sur mon relevé. Pouvez-vous vérifier ?\nBenoit Brouez",
        },
      ],
    },
  ],
};

export const sourceSecond: DemoHousehold = {
  memberNumber: "10000002",
  email: "claire.fontaine@example.com",
  address: { line1: "4 place du Marché", postalCode: "35000", city: "Rennes", phone: "07 98 76 54 32" },
  coverageLevel: "Équilibre",
  coverageStart: "2024-03-01",
  premiumMonthlyCents: 11820,
  sepaMandateRef: "RUM-DEMO-10000002-2024-03",
  people: [
    { firstName: "Claire", lastName: "Fontaine", role: "member", birthDate: "1990-06-30", ownAccountSuffix: "456" },
    { firstName: "Tom", lastName: "Fontaine", role: "child", birthDate: "2019-04-11" },
  ],
  lines: [
    pharmacy("Tom", "2026-08-10", "2026-08-12", 2890, "Claire", 0),
    gpVisit("Claire", "2026-07-06", "2026-07-09", "Claire", "adult"),
    {
      beneficiary: "Claire",
      careType: "dentaire",
      category: "dentaire_soins",
      careDate: "2026-05-19",
      paymentDate: "2026-05-25",
      chargedCents: 9000,
      baseCents: 2300,
      amoRateBp: 6000,
      amoDeductibleCents: 0,
      guaranteeLabel: "200 % BR y compris Sécurité sociale",
      amoCents: 1380,
      amcCents: 3220,
      paidTo: "Claire",
      professionalName: "Dr Anne Roux",
    },
  ],
  requests: [
    {
      reference: "DR-2026-W6R9BX3E",
      beneficiary: "Tom",
      careType: "osteopathie",
      careDate: "2026-05-02",
      status: "submitted",
      createdAt: "2026-05-03T10:00:00Z",
    },
  ],
  documents: [],
};
