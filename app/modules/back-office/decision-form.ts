// What an advisor types on a démarche, turned into a Decision or French messages per field. Pure.
import { z } from "zod";
import { parseEuros } from "../claims/claim-form.ts";
import { formatEuros } from "../shared/format.ts";
import { categories, type CategoryCode, type EarSide, isCategoryCode } from "../guarantees/index.ts";

// The labels a page's component needs live in a file without Zod (decision-labels.ts): this one is the action's.
import { type RefusalReason, earLabels, foreignCurrency, refusalReasons } from "./decision-labels.ts";
export { type RefusalReason, earLabels, foreignCurrency, refusalReasons };

export type Decision =
  | { kind: "missing_document"; note: string }
  | { kind: "refuse"; reason: RefusalReason; note: string }
  | ({ kind: "accept_claim"; override?: { amcCents: number; reason: string } } & ClaimPricing)
  | { kind: "answer_quote"; amcCents: number[]; note: string }
  | { kind: "accept_beneficiary" }
  | { kind: "accept_data_rights"; note: string }
  | { kind: "accept_level_change" }
  | { kind: "accept_termination" }
  | { kind: "accept_legal_representative" };

/**
 * Everything the claim is priced with, as the advisor reads it on the Sécurité sociale's décompte (or the
 * invoice) and can correct: the decision page shows each of them beside the amount.
 */
export interface ClaimPricing {
  category: CategoryCode;
  baseCents: number;
  amoCents: number;
  /** Participation forfaitaire and franchises the Sécurité sociale withheld (art. L160-13 II and III CSS). */
  deductibleCents: number;
  /** Units: sessions, lenses, hearing aids (one per ear), prostheses… */
  quantity: number;
  /** OPTAM / OPTAM-CO doctor; null when the category does not depend on it. */
  optam: boolean | null;
  /** Hors parcours de soins coordonnés (the décompte shows the reduced rate). */
  outOfPathway: boolean;
  /** The dépassement billed because of it (DA on the décompte), stays with the member. */
  outOfPathwayOverrunCents: number;
  /**
   * Hors parcours: the Sécurité sociale's rate within the pathway, in basis points, when it is not the usual
   * 70 % (100 % for care related to an exonerating ALD); null: 70 %.
   */
  pathwayAmoRateBp: number | null;
  /** 100 % Santé: the item's price limit (PLV / HLF) per unit; null outside the baskets. */
  unitPriceLimitCents: number | null;
  /** Hearing aids: the ear(s) fitted (renewal is per ear); null for other care. */
  ear: EarSide | null;
  /**
   * Care paid abroad in another currency: what the member paid, converted to euros by the advisor (the
   * guarantee prices euros); null when the claim was paid in euros.
   */
  paidEurCents: number | null;
}

export const isHearingAid = (category: CategoryCode): boolean => categories[category].domain === "audiologie";

export const isOptamSensitive = (category: CategoryCode): boolean => "optamSensitive" in categories[category];
export const isBasket = (category: CategoryCode): boolean => "basket100Sante" in categories[category];

/**
 * A class I hearing aid's price limit is fixed by the LPP (titre II ch. 3, arrêté du 14 novembre 2018): 1 400 € per
 * ear up to the 20th birthday, 950 € after. Lower, the member would keep what the law covers (R871-2 CSS);
 * higher, the mutuelle would pay above the regulated price.
 */
export function class1LimitMessage(legalCents: number, typedCents: number): string {
  const age = legalCents >= 140_000 ? "jusqu'à son 20ᵉ anniversaire" : "à partir de 20 ans";
  const why =
    typedCents < legalCents
      ? "un prix limite plus bas laisserait à l'adhérent ce que la loi couvre"
      : "un prix limite plus haut paierait au-delà du prix réglementé";
  return `Le prix limite de vente d'une aide auditive de classe I est fixé par la loi : ${formatEuros(legalCents)} par oreille pour ce bénéficiaire à la date du soin (${age}) ; ${why}. Saisissez ${formatEuros(legalCents).replace(/\s*€$/, "")} ou laissez le champ vide.`;
}

/**
 * A percentage typed in French ("100", "70", "72,5"), as basis points; empty is null (the default rate). Built
 * when a form is read, not when the module loads: a page's browser bundle importing this file's labels must not
 * carry Zod (tests/integration/browser-bundles.test.ts).
 */
const pathwayRate = () =>
  z
    .string()
    .trim()
    .transform((v) => v.replace(/\s*%$/, ""))
    .pipe(
      z.union([
        z.literal("").transform(() => null),
        z
          .string()
          .regex(/^\d{1,3}(,\d{1,2})?$/)
          .transform((v) => Math.round(Number(v.replace(",", ".")) * 100))
          .refine((bp) => bp <= 10_000),
      ]),
    );

/**
 * The lowest normal rate of the Sécurité sociale for a doctor's fees inside the coordinated care pathway: 70 %
 * (a 30 % ticket modérateur), up to 100 % when exempt (ALD, maternité, invalidité…). A lower
 * "normal" rate would compute the hors-parcours majoration as nothing, and the mutuelle would pay what the contrat
 * responsable must leave with the member (art. L162-5-3 and L871-1 CSS).
 */
export const lowestPathwayAmoRateBp = 7_000;

export type DecisionForm = { ok: true; decision: Decision } | { ok: false; errors: Record<string, string> };

const reasons = Object.keys(refusalReasons) as RefusalReason[];

export function parseDecision(
  intent: string,
  form: Record<string, string>,
  quoteLines = 0,
  /** A claim paid in another currency (foreignCurrency): its euro equivalent is required. */
  paidIn: string | null = null,
  /**
   * The legal price limit of a class I hearing aid, per ear, for the beneficiary's age on the care date
   * (hearingAidClass1PriceLimitCents); null when the beneficiary or the date is unknown.
   */
  class1AidLimitCents: number | null = null,
): DecisionForm {
  const text = (name: string) => (form[name] ?? "").trim().slice(0, 2000);
  switch (intent) {
    case "missing_document":
      return text("note").length < 5
        ? { ok: false, errors: { note: "Écrivez à l'adhérent quel document manque (il lira vos mots)." } }
        : { ok: true, decision: { kind: "missing_document", note: text("note") } };
    case "refuse": {
      const reason = form.reason as RefusalReason;
      if (!(reasons as readonly string[]).includes(reason))
        return { ok: false, errors: { reason: "Choisissez le motif du refus." } };
      if (reason === "autre" && text("note").length < 5)
        return { ok: false, errors: { note: "Précisez le motif du refus." } };
      return { ok: true, decision: { kind: "refuse", reason, note: text("note") } };
    }
    case "preview_claim":
    case "accept_claim": {
      const errors: Record<string, string> = {};
      const category = form.category ?? "";
      if (!isCategoryCode(category)) errors.category = "Choisissez la ligne de garantie.";
      const baseCents = parseEuros(form.base || "0");
      if (baseCents === null) errors.base = "Saisissez la base de remboursement en euros, par exemple 25,00.";
      const amoCents = parseEuros(form.amo || "0");
      if (amoCents === null) errors.amo = "Saisissez la part de la Sécurité sociale en euros, par exemple 17,50.";
      const deductibleCents = parseEuros(form.deductible || "0");
      if (deductibleCents === null)
        errors.deductible =
          "Saisissez la participation forfaitaire et les franchises en euros (0 s'il n'y en a pas), par exemple 2,00.";
      const quantityText = (form.quantity ?? "").trim() || "1";
      const quantity = /^\d{1,2}$/.test(quantityText) ? Number(quantityText) : 0;
      if (quantity < 1)
        errors.quantity =
          "Indiquez le nombre d'unités, de 1 à 99 (une aide auditive par oreille, un verre par verre…).";
      const known = isCategoryCode(category);
      let optam: boolean | null = null;
      if (known && isOptamSensitive(category)) {
        if (form.optam === "oui" || form.optam === "non") optam = form.optam === "oui";
        else
          errors.optam =
            "Indiquez si le médecin adhère à l'OPTAM ou à l'OPTAM-CO (décompte, ou annuaire santé d'ameli.fr) : le montant en dépend, aucun montant n'est proposé sans cette information.";
      }
      // Only doctors' fees have a coordinated pathway (L162-5-3 CSS): the box means nothing on other care.
      const outOfPathway = form.outOfPathway === "oui" && known && isOptamSensitive(category);
      const outOfPathwayOverrunCents = parseEuros(form.outOfPathwayOverrun || "0");
      if (outOfPathwayOverrunCents === null)
        errors.outOfPathwayOverrun =
          "Saisissez le dépassement hors parcours en euros (0 s'il n'y en a pas), par exemple 5,00.";
      else if (outOfPathwayOverrunCents > 0 && !outOfPathway)
        errors.outOfPathwayOverrun =
          "Un dépassement hors parcours suppose un soin hors parcours : cochez la case ou indiquez 0.";
      let pathwayAmoRateBp: number | null = null;
      const rate = pathwayRate().safeParse(form.pathwayAmoRate ?? "");
      if (!rate.success)
        errors.pathwayAmoRate =
          "Saisissez le taux normal de la Sécurité sociale en pourcentage, de 70 à 100, par exemple 100 pour un soin lié à une ALD exonérante (vide : 70 %).";
      else if (rate.data !== null && rate.data < lowestPathwayAmoRateBp)
        errors.pathwayAmoRate =
          "Le taux normal d'un soin de médecin dans le parcours est d'au moins 70 % (jusqu'à 100 % pour un soin lié à une ALD exonérante, en maternité ou en invalidité) : un taux plus bas ferait payer par la mutuelle la majoration hors parcours qui reste à la charge de l'adhérent (art. L162-5-3 et L871-1 du code de la sécurité sociale).";
      else if (rate.data !== null && !outOfPathway)
        errors.pathwayAmoRate =
          "Le taux normal ne sert qu'à un soin de médecin hors parcours : cochez la case ou laissez ce champ vide.";
      else pathwayAmoRateBp = rate.data;
      let unitPriceLimitCents: number | null = null;
      if (known && isBasket(category)) {
        const typed = (form.priceLimit ?? "").trim();
        const legalAid = category === "audiologie_classe_1" ? class1AidLimitCents : null;
        // A class I hearing aid's limit is the law's, set by the age: left empty, it is that figure.
        unitPriceLimitCents = typed === "" ? legalAid : parseEuros(typed);
        if (unitPriceLimitCents === null || unitPriceLimitCents <= 0) {
          errors.priceLimit =
            "Saisissez le prix limite de vente 100 % Santé de l'article, par unité, en euros (il figure sur la facture ou le devis), par exemple 950,00.";
        } else if (legalAid !== null && unitPriceLimitCents !== legalAid) {
          errors.priceLimit = class1LimitMessage(legalAid, unitPriceLimitCents);
        }
      }
      let ear: EarSide | null = null;
      if (known && isHearingAid(category)) {
        if (form.ear === "left" || form.ear === "right" || form.ear === "both") ear = form.ear;
        if (ear === null)
          errors.ear = "Indiquez l'oreille appareillée : le renouvellement d'une aide auditive se compte par oreille.";
        else if (quantity === 2 && ear !== "both")
          errors.ear = "Deux aides auditives : une par oreille, choisissez « les deux oreilles ».";
        else if (quantity > 2 || (quantity === 1 && ear === "both"))
          errors.quantity = "Une aide auditive par oreille : 1 pour une oreille, 2 pour les deux.";
      }
      let paidEurCents: number | null = null;
      if (paidIn) {
        paidEurCents = parseEuros(form.amountEur ?? "");
        if (paidEurCents === null || paidEurCents <= 0)
          errors.amountEur = `Payé en ${paidIn} : saisissez la dépense convertie en euros (au taux du jour du soin), par exemple 110,50.`;
      }
      let override: { amcCents: number; reason: string } | undefined;
      if ((form.override ?? "").trim() !== "") {
        const amcCents = parseEuros(form.override!);
        if (amcCents === null) errors.override = "Saisissez le montant en euros, par exemple 40,00.";
        else if (text("overrideReason").length < 5)
          errors.overrideReason = "Un autre montant que celui proposé demande un motif.";
        else override = { amcCents, reason: text("overrideReason") };
      }
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return {
        ok: true,
        decision: {
          kind: "accept_claim",
          category: category as CategoryCode,
          baseCents: baseCents!,
          amoCents: amoCents!,
          deductibleCents: deductibleCents!,
          quantity,
          optam,
          outOfPathway,
          outOfPathwayOverrunCents: outOfPathwayOverrunCents!,
          pathwayAmoRateBp,
          unitPriceLimitCents,
          ear,
          paidEurCents,
          override,
        },
      };
    }
    case "answer_quote": {
      const errors: Record<string, string> = {};
      const amcCents: number[] = [];
      // A devis sent without its lines: one amount for the whole devis, read on its file.
      for (let i = 0; i < Math.max(1, quoteLines); i++) {
        const cents = parseEuros(form[`amc_${i}`] ?? "");
        if (cents === null) errors[`amc_${i}`] = "Saisissez le montant pris en charge en euros.";
        else amcCents.push(cents);
      }
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return { ok: true, decision: { kind: "answer_quote", amcCents, note: text("note") } };
    }
    case "accept_beneficiary":
      return { ok: true, decision: { kind: "accept_beneficiary" } };
    case "accept_data_rights":
      return { ok: true, decision: { kind: "accept_data_rights", note: text("note") } };
    case "accept_level_change":
      return { ok: true, decision: { kind: "accept_level_change" } };
    case "accept_termination":
      return { ok: true, decision: { kind: "accept_termination" } };
    case "accept_legal_representative":
      return { ok: true, decision: { kind: "accept_legal_representative" } };
    default:
      return { ok: false, errors: { intent: "Action inconnue." } };
  }
}
