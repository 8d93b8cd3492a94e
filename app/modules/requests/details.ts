// What a démarche keeps beside its common columns (member_request.details), one shape per kind, parsed on
// read: a row written by an older version, or by hand, that does not match its kind fails loudly here instead
// of rendering "undefined" on a member's page. Pure (zod only): the pages, the back-office and the modules that
// write démarches share it. Writers are checked by the column's type (RequestDetails).
import { z } from "zod";
import { dataRights } from "../personal-data/rights-form.ts";
import { relationshipLabels, type Relationship } from "../households/beneficiary-form.ts";
import { legalMeasures } from "../carers/legal-measures.ts";
import type { RequestKind } from "./kinds.ts";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const cents = z.number().int();
const labelled = z.object({ label: z.string(), value: z.string() });
const relationships = Object.keys(relationshipLabels) as [Relationship, ...Relationship[]];

/** A claim has no details until an advisor decides it: then the inputs and steps the amount came from. */
export const claimDetailsSchema = z
  .object({
    pricing: z
      .object({
        inputs: z.array(labelled),
        amcCents: cents,
        steps: z.array(z.string()),
        override: z.object({ amcCents: cents, reason: z.string() }).nullable(),
      })
      .optional(),
  })
  .nullable();

/** A devis: the lines and estimate the member saw when sending it, then what the mutuelle confirmed. */
export const quoteDetailsSchema = z.object({
  // Loose: the estimate's other facts (the limit that applied, the 100 % Santé alternative) travel with it.
  lines: z.array(
    z.looseObject({
      label: z.string(),
      chargedCents: cents,
      baseCents: cents,
      amoCents: cents,
      amcCents: cents,
      quantity: z.number().int().optional(),
    }),
  ),
  confirmed: z.object({ amcCents: z.array(cents), totalCents: cents, note: z.string().nullable() }).optional(),
});

export const beneficiaryDetailsSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("add"),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: day,
    relationship: z.enum(relationships),
    startDate: day,
  }),
  z.object({
    action: z.literal("remove"),
    personId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    endDate: day,
  }),
]);

export const dataRightsDetailsSchema = z.object({ right: z.enum(dataRights), message: z.string() });

export const levelChangeDetailsSchema = z.object({
  fromLevel: z.string(),
  toLevel: z.string(),
  toLabel: z.string(),
  effectiveDate: day,
  monthlyCents: cents,
});

export const terminationDetailsSchema = z.object({
  /** The day asked (the notification's date). */
  notifiedOn: day,
  /** The first day without cover. */
  takesEffect: day,
  /** The last day covered (inclusive). */
  lastCoveredDay: day,
  /** True when the contract is younger than one year on the day asked. */
  firstYear: z.boolean(),
  reason: z.string().nullable(),
});

/** A legal representative recorded by an advisor on the judgment, read again when a gestionnaire accepts it. */
export const legalRepresentativeDetailsSchema = z.object({
  personId: z.uuid(),
  measure: z.enum(legalMeasures),
  name: z.string(),
  email: z.string(),
  endsOn: day,
  firstName: z.string(),
  lastName: z.string(),
  recordedBy: z.string(),
});

const detailsSchemas = {
  claim: claimDetailsSchema,
  // A devis written without its lines (before they were kept, or by hand) reads as one sent without an estimate.
  quote: quoteDetailsSchema.nullable().transform((d) => d ?? { lines: [] }),
  // The change itself lives in bank_detail_change, which points at the démarche.
  bank_details: z.null(),
  beneficiary: beneficiaryDetailsSchema,
  data_rights: dataRightsDetailsSchema,
  level_change: levelChangeDetailsSchema,
  termination: terminationDetailsSchema,
  legal_representative: legalRepresentativeDetailsSchema,
} satisfies Record<RequestKind, z.ZodType>;

export type RequestDetailsOf<K extends RequestKind> = z.output<(typeof detailsSchemas)[K]>;
/** Every shape member_request.details may hold (the column's type). */
export type RequestDetails = NonNullable<{ [K in RequestKind]: RequestDetailsOf<K> }[RequestKind]>;

export type ClaimDetails = RequestDetailsOf<"claim">;
export type QuoteDetails = RequestDetailsOf<"quote">;
export type BeneficiaryRequestDetails = RequestDetailsOf<"beneficiary">;
export type DataRightsDetails = RequestDetailsOf<"data_rights">;
export type LevelChangeDetails = RequestDetailsOf<"level_change">;
export type TerminationDetails = RequestDetailsOf<"termination">;
export type LegalRepresentativeDetails = RequestDetailsOf<"legal_representative">;

/** The details of a démarche of this kind, checked; throws on a row that does not match its kind. */
export function detailsOf<K extends RequestKind>(kind: K, raw: unknown): RequestDetailsOf<K> {
  const parsed = detailsSchemas[kind].safeParse(raw ?? null);
  if (!parsed.success) throw new Error(`member_request.details does not match its kind "${kind}"`);
  return parsed.data as RequestDetailsOf<K>;
}

/** A démarche's kind and details together, so that checking the kind narrows the details. */
export type KindWithDetails = { [K in RequestKind]: { kind: K; details: RequestDetailsOf<K> } }[RequestKind];

export function withDetails(kind: RequestKind, raw: unknown): KindWithDetails {
  return { kind, details: detailsOf(kind, raw) } as KindWithDetails;
}
