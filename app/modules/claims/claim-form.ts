// Step 1 of "Demander un remboursement": one schema for the page and the action.
import { z } from "zod";
import { careTypes } from "../shared/care-types.ts";
import { isCalendarDate } from "../shared/iso-date.ts";
import { addMonths } from "../clock/calendar.ts";

/** "45", "45,5", "45,50", "1 234,56", "45.50" → cents; anything else → null. */
export function parseEuros(input: string): number | null {
  const cleaned = input.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [units, decimals = ""] = cleaned.split(".");
  return Number(units) * 100 + Number(decimals.padEnd(2, "0"));
}

export const currencies = ["EUR", "CHF", "GBP", "USD", "CAD", "MAD", "TND", "DZD", "XOF", "JPY"] as const;

/** The latest date of care the mandatory scheme still reimburses, from `today`: 2 years and 3 months. */
export function oldestCareDate(today: string): string {
  return addMonths(today, -27);
}

/**
 * What is wrong with a date of care, one rule at a time so each has its own message (an empty date is
 * "missing", not "too old"); null when it is fine.
 */
export function careDateProblem(value: string, today: string): string | null {
  if (value === "") return "Indiquez la date du soin.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "Indiquez la date du soin au format jj/mm/aaaa.";
  if (!isCalendarDate(value)) return "Cette date n'existe pas.";
  if (value > today) return "La date du soin ne peut pas être dans le futur.";
  if (value < oldestCareDate(today)) return "Ce soin date de plus de 2 ans et 3 mois : il ne peut plus être remboursé.";
  return null;
}

export function claimDetailsSchema(today: string, beneficiaryIds: string[]) {
  return z
    .object({
      beneficiaryId: z
        .string({ error: "Choisissez la personne qui a reçu le soin." })
        .refine((v) => beneficiaryIds.includes(v), "Choisissez la personne qui a reçu le soin."),
      careType: z.enum(Object.keys(careTypes) as [string, ...string[]], { error: "Indiquez le type de soin." }),
      lieu: z.enum(["france", "etranger"], { error: "Indiquez si le soin a eu lieu en France ou à l'étranger." }),
      country: z.string().trim().max(60).optional(),
      currency: z.string().optional(),
      careDate: z.string({ error: "Indiquez la date du soin." }).transform((v, ctx) => {
        const problem = careDateProblem(v.trim(), today);
        if (problem) {
          ctx.addIssue({ code: "custom", message: problem });
          return z.NEVER;
        }
        return v.trim();
      }),
      amount: z.string({ error: "Indiquez le montant payé." }).transform((v, ctx) => {
        const cents = parseEuros(v);
        if (cents === null || cents <= 0 || cents > 10_000_000) {
          ctx.addIssue({ code: "custom", message: "Indiquez le montant payé, par exemple 45,00." });
          return z.NEVER;
        }
        return cents;
      }),
    })
    .superRefine((v, ctx) => {
      if (v.lieu !== "etranger") return;
      if (!v.country || v.country.length < 2)
        ctx.addIssue({ code: "custom", path: ["country"], message: "Indiquez le pays où vous avez reçu le soin." });
      if (!currencies.includes(v.currency as (typeof currencies)[number]))
        ctx.addIssue({
          code: "custom",
          path: ["currency"],
          message: "Choisissez la monnaie dans laquelle vous avez payé.",
        });
    });
}
