// How the guarantee engine's check of an imported line reads for an advisor (ADR 0020). Pure.
import { formatEuros } from "../shared/format.ts";
import type { PricingCheckStatus, PricingReview } from "./schema.ts";

export interface PricingCheckView {
  /** One sentence, with the arithmetic of the difference when there is one. */
  text: string;
  /** True when an advisor should look at the line (the engine found another amount). */
  flagged: boolean;
  /** The engine's steps, when its amount differs from the amount paid. */
  steps: string[];
}

const plainTexts: Record<Exclude<PricingCheckStatus, "differs" | "notComputed">, string> = {
  pending: "Contrôle en attente",
  matches: "Conforme au calcul du moteur de garanties",
};

export function pricingCheckView(
  status: PricingCheckStatus | null,
  review: PricingReview | null,
  paidAmcCents: number,
): PricingCheckView {
  if (status === null)
    return {
      text: "Sans contrôle (ligne décidée au back-office ou antérieure au contrôle)",
      flagged: false,
      steps: [],
    };
  if (status === "notComputed")
    return { text: `Non recalculée : ${review?.reason ?? "donnée manquante"}`, flagged: false, steps: [] };
  if (status !== "differs") return { text: plainTexts[status], flagged: false, steps: [] };
  const engine = review?.engineAmcCents ?? 0;
  const gap = paidAmcCents - engine;
  // Flagged for an input the law fixes (a class I hearing aid's price limit), even when the amounts agree.
  const why = review?.reason ? `À vérifier : ${review.reason}. ` : "";
  if (why && gap === 0)
    return {
      text: `${why}Le moteur de garanties calcule le montant versé, ${formatEuros(engine)}. Le montant versé n'est pas modifié.`,
      flagged: true,
      steps: review?.steps ?? [],
    };
  return {
    text: `${why}Écart à vérifier : le moteur de garanties calcule ${formatEuros(engine)}, la mutuelle a versé ${formatEuros(paidAmcCents)} (${formatEuros(paidAmcCents)} − ${formatEuros(engine)} = ${gap < 0 ? "−" : ""}${formatEuros(Math.abs(gap))}, ${gap > 0 ? "versé en plus" : "versé en moins"}). Le montant versé n'est pas modifié.`,
    flagged: true,
    steps: review?.steps ?? [],
  };
}
