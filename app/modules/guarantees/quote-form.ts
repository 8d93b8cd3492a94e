// The quote estimate form: up to five lines, empty ones ignored. One schema for the page and the action.
// A line is typed as the devis prints it: a unit price, a unit base de remboursement and a quantity; the
// engine is given the line's totals (unit × quantity), and the quantity is kept with the line.
import { z } from "zod";
import { parseEuros } from "../claims/claim-form.ts";
import { categories, type CategoryCode } from "./categories.ts";
import { quoteCategories, type QuoteLine } from "./estimate.ts";

export const quoteLineSlots = 5;

/** The care types a devis can be about, when it is sent without typing its lines. */
export const quoteCareTypes = { dentaire: "Dentaire", optique: "Optique", audiologie: "Audition" } as const;
export type QuoteCareType = keyof typeof quoteCareTypes;

export type ParsedQuoteForm =
  | { ok: true; beneficiaryId: string; lines: QuoteLine[]; careType: QuoteCareType | null }
  | { ok: false; errors: Record<string, string> };

/**
 * `mode: "estimate"` needs at least one line. `mode: "send"` ("Envoyer mon devis sans estimation") accepts no
 * line at all, then the care type says what the devis is about; lines typed are still checked and estimated.
 */
export function parseQuoteForm(
  form: Record<string, string>,
  beneficiaryIds: string[],
  mode: "estimate" | "send" = "estimate",
): ParsedQuoteForm {
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
    const unitCents = parseEuros(price);
    if (unitCents === null || unitCents <= 0 || unitCents > 10_000_000)
      errors[`prix${i}`] = "Indiquez le prix unitaire en euros, par exemple 450,00.";
    const unitBaseCents = base === "" ? 0 : parseEuros(base);
    if (unitBaseCents === null || unitBaseCents > 10_000_000)
      errors[`base${i}`] = "Indiquez la base de remboursement en euros (elle figure sur le devis), ou laissez vide.";
    const quantity = Number(form[`quantite${i}`] || 1);
    const quantityOk = Number.isInteger(quantity) && quantity >= 1 && quantity <= 10;
    if (!quantityOk) errors[`quantite${i}`] = "Indiquez une quantité de 1 à 10.";
    if (
      unitCents !== null &&
      unitBaseCents !== null &&
      quantityOk &&
      quoteCategories.includes(category as CategoryCode)
    ) {
      lines.push({
        category: category as CategoryCode,
        chargedCents: unitCents * quantity,
        baseCents: unitBaseCents * quantity,
        quantity,
      });
    }
  }
  const careType = z.enum(Object.keys(quoteCareTypes) as [QuoteCareType, ...QuoteCareType[]]).safeParse(form.soins);
  const lineErrors = Object.keys(errors).some((k) => k !== "beneficiaryId");
  if (lines.length === 0 && !lineErrors) {
    if (mode === "estimate") errors.acte0 = "Indiquez au moins une ligne du devis pour l'estimer.";
    else if (!careType.success)
      errors.soins = "Choisissez le type de soins du devis (ou remplissez ses lignes pour l'estimer).";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const fromLines = lines[0] ? categories[lines[0].category].domain : null;
  return {
    ok: true,
    beneficiaryId: form.beneficiaryId!,
    lines,
    careType: (fromLines as QuoteCareType | null) ?? (careType.success ? careType.data : null),
  };
}
