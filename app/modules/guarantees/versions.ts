// Table versions: each applies to acts from its effectiveFrom (inclusive), until its effectiveTo (inclusive)
// or the next version's effectiveFrom. Selection is by care date, never by processing date, so a new table
// never changes what an older act is worth.
import type { GuaranteeCatalog, GuaranteeTable } from "./model.ts";

type Dated = Pick<GuaranteeTable, "effectiveFrom" | "effectiveTo">;

/** The version in effect on careDate, or undefined (before the first version, or in a gap). */
export function selectTableVersion<T extends Dated>(versions: readonly T[], careDate: string): T | undefined {
  let best: T | undefined;
  for (const version of versions) {
    if (version.effectiveFrom <= careDate && (!best || version.effectiveFrom > best.effectiveFrom)) best = version;
  }
  if (best?.effectiveTo !== undefined && careDate > best.effectiveTo) return undefined;
  return best;
}

export interface Overlap {
  /** Indexes in the given array: `later` starts before `earlier` ends. */
  earlier: number;
  later: number;
}

/** Pairs of versions whose periods overlap (same start, or an effectiveTo past the next start). */
export function findOverlaps(versions: readonly Dated[]): Overlap[] {
  const order = versions
    .map((v, index) => ({ v, index }))
    .sort((a, b) => a.v.effectiveFrom.localeCompare(b.v.effectiveFrom));
  const overlaps: Overlap[] = [];
  for (let i = 1; i < order.length; i++) {
    const previous = order[i - 1]!;
    const current = order[i]!;
    const previousEnd = previous.v.effectiveTo;
    if (
      previous.v.effectiveFrom === current.v.effectiveFrom ||
      (previousEnd !== undefined && previousEnd >= current.v.effectiveFrom)
    ) {
      overlaps.push({ earlier: previous.index, later: current.index });
    }
  }
  return overlaps;
}

/**
 * The table of a level (by id or label, e.g. "optimale" or "Optimale") in effect on careDate.
 * With several products, pass productId; otherwise the first product having that level wins.
 */
export function selectLevelTable(
  catalog: GuaranteeCatalog,
  level: string,
  careDate: string,
  productId?: string,
): GuaranteeTable | undefined {
  for (const product of catalog.products) {
    if (productId !== undefined && product.id !== productId) continue;
    const found = product.levels.find((l) => l.id === level || l.label === level);
    if (found) return selectTableVersion(found.versions, careDate);
  }
  return undefined;
}

/** A level a contract had before a change: in force up to and including `until`. */
export interface FormerLevel {
  level: string;
  until: string;
}

/**
 * The contract's level on `date`: the former level whose period covers it (the earliest `until` on or after
 * the date), else the current one. A change accepted before it takes effect leaves earlier care on the level
 * in force when it was given.
 */
export function levelInForce(
  current: string,
  former: readonly FormerLevel[],
  date: string,
  pending: { level: string | null; from: string | null } = { level: null, from: null },
): string {
  // A change accepted for a date not yet reached (applied on that date by contracts.level_changes).
  if (pending.level && pending.from && date >= pending.from) return pending.level;
  let found: FormerLevel | undefined;
  for (const f of former) if (f.until >= date && (!found || f.until < found.until)) found = f;
  return found?.level ?? current;
}
