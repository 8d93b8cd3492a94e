// How many units one equipment can hold: one frame and two lenses per optical equipment, one hearing aid per
// ear (LPP titre II ch. 2 and 3: the guarantee and the renewal are per equipment, R871-2 CSS caps per
// equipment). A frame billed with quantity 2, or a second full equipment on the same day, is not a second
// equipment the contract pays: it is flagged and priced on what one equipment may hold.
import { formatDate } from "../shared/format.ts";
import type { CareAct, Limit, PastAct } from "./model.ts";

const unitsPerEquipment: Partial<Record<string, { max: number; what: string; unit: string; feminine: boolean }>> = {
  optique_monture: { max: 1, what: "une monture", unit: "monture", feminine: true },
  optique_verres_simples: { max: 2, what: "deux verres", unit: "verre", feminine: false },
  optique_verres_complexes: { max: 2, what: "deux verres", unit: "verre", feminine: false },
  audiologie_classe_1: { max: 2, what: "une aide auditive par oreille", unit: "aide auditive", feminine: true },
  audiologie_classe_2: { max: 2, what: "une aide auditive par oreille", unit: "aide auditive", feminine: true },
};

const isAid = (c: string) => c === "audiologie_classe_1" || c === "audiologie_classe_2";

/** Lenses of both kinds share the equipment's two; everything else counts only its own category. */
function sameSlot(a: string, b: string): boolean {
  const lens = (c: string) => c === "optique_verres_simples" || c === "optique_verres_complexes";
  return a === b || (lens(a) && lens(b)) || (isAid(a) && isAid(b));
}

const earNames: Record<"left" | "right", string> = { left: "l'oreille gauche", right: "l'oreille droite" };

/**
 * Hearing aids reimbursed on `careDate`, per ear: the ears a same-day aid already fitted (an aid for both ears
 * takes both), and the units of same-day aids whose ear was not said (each takes one of the two ears).
 */
function aidsSameDay(careDate: string, history: readonly PastAct[]): { taken: Set<"left" | "right">; unsaid: number } {
  const taken = new Set<"left" | "right">();
  let unsaid = 0;
  for (const p of history) {
    if (p.amcCents <= 0 || p.careDate !== careDate || !isAid(p.category)) continue;
    if (p.ear === "left" || p.ear === "right") taken.add(p.ear);
    else if (p.ear === "both") {
      taken.add("left");
      taken.add("right");
    } else unsaid += p.quantity ?? 1;
  }
  return { taken, unsaid };
}

/**
 * Whether one ear's aid is already reimbursed on that day (one aid per ear and equipment, LPP titre II ch. 3):
 * that ear's aid, an aid for both ears, or aids whose ear was not said filling both.
 */
export function earTakenSameDay(careDate: string, ear: "left" | "right", history: readonly PastAct[]): boolean {
  const { taken, unsaid } = aidsSameDay(careDate, history);
  return taken.has(ear) || taken.size + unsaid >= 2;
}

export interface UnitBound {
  /** Units this act may still be paid for. */
  units: number;
  limit?: Limit;
  step?: string;
}

/** The units of this act one equipment can still hold, given what was reimbursed the same day. */
export function boundEquipmentUnits(act: CareAct, quantity: number, history: readonly PastAct[]): UnitBound {
  const rule = unitsPerEquipment[act.category];
  if (!rule) return { units: quantity };
  // A hearing aid for one stated ear: a second aid for that ear the same day is a second equipment.
  if (isAid(act.category) && (act.ear === "left" || act.ear === "right")) {
    if (!earTakenSameDay(act.careDate, act.ear, history))
      return { units: Math.min(quantity, 1), ...oneAidPerEar(quantity) };
    const limit: Limit = {
      kind: "equipmentUnits",
      label: `Un équipement par période : une aide auditive pour ${earNames[act.ear]} déjà remboursée le ${formatDate(act.careDate)} pour ce bénéficiaire ; une seconde aide pour la même oreille le même jour n'est pas prise en charge.`,
    };
    return { units: 0, limit, step: `${limit.label} Unités retenues : 1 − 1 déjà remboursée = 0 sur ${quantity}.` };
  }
  const sameDay = history
    .filter((p) => p.amcCents > 0 && p.careDate === act.careDate && sameSlot(p.category, act.category))
    .reduce((t, p) => t + (p.quantity ?? 1), 0);
  const left = Math.max(0, rule.max - sameDay);
  if (quantity <= left) return { units: quantity };
  const limit: Limit = {
    kind: "equipmentUnits",
    label:
      sameDay > 0
        ? `Un équipement par période : ${rule.what} déjà remboursé${rule.feminine ? "e" : ""}${rule.max > 1 ? "s" : ""} le ${formatDate(act.careDate)} pour ce bénéficiaire ; un second équipement le même jour n'est pas pris en charge.`
        : `Un équipement comprend au plus ${rule.what} : ${left} ${rule.unit}${left > 1 ? "s" : ""} sur ${quantity} ${left > 1 ? "sont" : "est"} pris${rule.feminine ? "e" : ""}${left > 1 ? "s" : ""} en charge.`,
  };
  const step = `${limit.label} Unités retenues : ${rule.max} − ${sameDay} déjà remboursée${sameDay > 1 ? "s" : ""} = ${left} sur ${quantity}.`;
  return { units: left, limit, step };
}

/** One stated ear holds one aid: more units on a one-ear act are flagged. */
function oneAidPerEar(quantity: number): Omit<UnitBound, "units"> {
  if (quantity <= 1) return {};
  const limit: Limit = {
    kind: "equipmentUnits",
    label: `Une aide auditive par oreille : 1 aide auditive sur ${quantity} est prise en charge pour l'oreille indiquée.`,
  };
  return { limit, step: `${limit.label} Unités retenues : 1 sur ${quantity}.` };
}
