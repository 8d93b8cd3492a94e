// The guarantee engine's proposal for a claim the advisor is deciding: the category a care type starts from, and
// the amount the engine computes from the décompte's figures the advisor typed (decisions.server.ts applies it).
import type { Db } from "../db/client.server.ts";
import type { GuaranteeCatalog } from "../guarantees/index.ts";
import { type CategoryCode, categories, computeReimbursement, type ReimbursementResult } from "../guarantees/index.ts";
import { hearingAidClass1PriceLimitCents } from "../guarantees/legal-limits.ts";
import { getGuaranteeContext } from "../guarantees/overview.server.ts";
import { AppError } from "../shared/app-error.ts";
import { class1LimitMessage, type ClaimPricing, isBasket, isOptamSensitive } from "./decision-form.ts";
import { pricedAct } from "./decision-pricing.ts";

/** The claim's care type → the guarantee category to start from (the advisor can pick another). */
export function defaultCategoryFor(careType: string | null): CategoryCode | null {
  if (!careType) return null;
  const direct = (Object.keys(categories) as CategoryCode[]).find((c) => c === careType);
  if (direct) return direct;
  return (Object.keys(categories) as CategoryCode[]).find((c) => categories[c].careType === careType) ?? null;
}

/**
 * The engine's amount for a claim, from every figure the advisor reads on the décompte: BR, AMO part,
 * participation forfaitaire and franchises, units, OPTAM status, hors parcours, the 100 % Santé item's limit.
 */
export async function proposeClaimAmount(
  { db, guarantees }: { db: Db; guarantees: GuaranteeCatalog },
  claim: { householdId: string; beneficiaryId: string; careDate: string; amountCents: number },
  pricing: ClaimPricing,
): Promise<ReimbursementResult | null> {
  // The form asks for them; a caller that skipped it must not get the lower guarantee or a guessed limit.
  if (isOptamSensitive(pricing.category) && pricing.optam === null) {
    throw new AppError(
      "optam_unknown",
      "Indiquez si le médecin adhère à l'OPTAM ou à l'OPTAM-CO : aucun montant n'est proposé sans cette information.",
      400,
    );
  }
  if (isBasket(pricing.category) && pricing.unitPriceLimitCents === null) {
    throw new AppError(
      "price_limit_unknown",
      "Indiquez le prix limite de vente 100 % Santé de l'article : aucun montant n'est proposé sans lui.",
      400,
    );
  }
  const context = await getGuaranteeContext(db, guarantees, { householdId: claim.householdId }, claim.careDate);
  const who = context.beneficiaries.find((b) => b.personId === claim.beneficiaryId);
  if (!context.table || !who) return null;
  // A class I hearing aid's limit is the law's for the age on the care date (the form says so beside the field).
  if (pricing.category === "audiologie_classe_1" && pricing.unitPriceLimitCents !== null) {
    const legal = hearingAidClass1PriceLimitCents(who.facts.birthDate, claim.careDate);
    if (pricing.unitPriceLimitCents !== legal)
      throw new AppError("price_limit_legal", class1LimitMessage(legal, pricing.unitPriceLimitCents), 400);
  }
  return computeReimbursement({
    table: context.table,
    act: pricedAct(claim, pricing),
    beneficiary: who.facts,
    history: who.history,
  });
}
