// The engine's input checked before any amount is computed: a bad act is a programming error (the caller builds
// acts from stored lines or from a validated form), thrown as a RangeError, never a member-facing refusal.
import { assertIsoDate } from "../clock/calendar.ts";
import { earSides, type ReimbursementInput } from "./model.ts";

function assertCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be non-negative integer cents, got ${value}`);
}

/** Throws a RangeError naming the first field out of range. */
export function validate(input: ReimbursementInput): void {
  const { act, beneficiary, table } = input;
  assertCents(act.amountChargedCents, "amountChargedCents");
  assertCents(act.baseCents, "baseCents");
  assertCents(act.amoCents, "amoCents");
  if (act.deductibleCents !== undefined) assertCents(act.deductibleCents, "deductibleCents");
  if (act.priceLimitCents !== undefined) assertCents(act.priceLimitCents, "priceLimitCents");
  if (act.outOfPathwayOverrunCents !== undefined) assertCents(act.outOfPathwayOverrunCents, "outOfPathwayOverrunCents");
  if (
    act.pathwayAmoRateBp !== undefined &&
    (!Number.isSafeInteger(act.pathwayAmoRateBp) || act.pathwayAmoRateBp < 0 || act.pathwayAmoRateBp > 10_000)
  ) {
    throw new RangeError(`pathwayAmoRateBp must be 0…10000, got ${act.pathwayAmoRateBp}`);
  }
  if (act.amoCents > act.amountChargedCents) throw new RangeError("amoCents cannot exceed amountChargedCents");
  if (act.quantity !== undefined && (!Number.isSafeInteger(act.quantity) || act.quantity < 1)) {
    throw new RangeError(`quantity must be a positive integer, got ${act.quantity}`);
  }
  if (act.ear !== undefined && !(earSides as readonly string[]).includes(act.ear))
    throw new RangeError(`ear must be left, right or both, got ${act.ear}`);
  assertIsoDate(act.careDate, "careDate");
  assertIsoDate(beneficiary.birthDate, "birthDate");
  assertIsoDate(beneficiary.coverageStart, "coverageStart");
  if (beneficiary.coverageEnd !== undefined) assertIsoDate(beneficiary.coverageEnd, "coverageEnd");
  // Tables never apply retroactively: the caller must pick the version in effect on the care date.
  if (act.careDate < table.effectiveFrom || (table.effectiveTo !== undefined && act.careDate > table.effectiveTo)) {
    throw new RangeError(
      `table ${table.levelId} (${table.effectiveFrom}…${table.effectiveTo ?? ""}) does not apply on ${act.careDate}; use selectTableVersion`,
    );
  }
}
