// The quote estimate form: up to five lines, empty ones ignored. One schema for the page and the action.
import { z } from "zod";
import { parseEuros } from "../claims/claim-form.ts";
import type { CategoryCode } from "./categories.ts";
import { quoteCategories, type QuoteLine } from "./estimate.ts";

export const quoteLineSlots = 5;

export function parseQuoteForm(
  form: Record<string, string>,
  beneficiaryIds: string[],
): { ok: true; beneficiaryId: string; lines: QuoteLine[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const beneficiary = z
    .string()
    .refine((v) => beneficiaryIds.includes(v))
    .safeParse(form.beneficiaryId);
  if (!beneficiary.success) errors.beneficiaryId = "Choisissez la personne qui recevra les soins.";
  const lines: QuoteLine[] = [];
  for (let i = 0; i < quoteLineSlots; i++) {
    const category = form[`acte${i}`] ?? "";
    const price = form[`prix${i}`] ?? "";
    const base = form[`base${i}`] ?? "";
    if (!category && !price && !base) continue;
    if (!quoteCategories.includes(category as CategoryCode))
      errors[`acte${i}`] = "Choisissez l'acte indiqué sur le devis.";
    const chargedCents = parseEuros(price);
    if (chargedCents === null || chargedCents <= 0 || chargedCents > 10_000_000)
      errors[`prix${i}`] = "Indiquez le prix en euros, par exemple 450,00.";
    const baseCents = base === "" ? 0 : parseEuros(base);
    if (baseCents === null || baseCents > 10_000_000)
      errors[`base${i}`] = "Indiquez la base de remboursement en euros (elle figure sur le devis), ou laissez vide.";
    const quantity = Number(form[`quantite${i}`] || 1);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10)
      errors[`quantite${i}`] = "Indiquez une quantité de 1 à 10.";
    if (chargedCents !== null && baseCents !== null && quoteCategories.includes(category as CategoryCode)) {
      lines.push({ category: category as CategoryCode, chargedCents, baseCents, quantity });
    }
  }
  if (lines.length === 0 && Object.keys(errors).every((k) => k === "beneficiaryId"))
    errors.acte0 = "Indiquez au moins une ligne du devis.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, beneficiaryId: form.beneficiaryId!, lines };
}
