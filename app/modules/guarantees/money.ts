// The only two places where the engine divides money. Both round half-up to the cent with exact integer
// arithmetic (no float ever holds a money amount), and an act goes through at most one of them:
// a percentage rule never prorates, and a unit rule never takes a percentage.
// See docs/guarantee-tables.md, "Arrondis".

export const FULL_RATE_BP = 10_000;

function assertSafe(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} is not a safe integer: ${value}`);
}

/** rate × amount, in cents, half-up: 3001 cents × 7000 bp = 2100.7 → 2101. Inputs must be non-negative. */
export function percentOfCents(cents: number, rateBp: number): number {
  if (cents < 0 || rateBp < 0) throw new RangeError("percentOfCents takes non-negative values");
  const product = cents * rateBp;
  assertSafe(product, "cents × rate");
  return Math.floor((product + FULL_RATE_BP / 2) / FULL_RATE_BP);
}

/** cents × part / whole, half-up: the share of an act's amount that belongs to the units still covered. */
export function prorateCents(cents: number, part: number, whole: number): number {
  if (cents < 0 || part < 0 || whole <= 0) throw new RangeError("prorateCents takes non-negative values");
  if (part >= whole) return cents;
  const doubled = cents * part * 2;
  assertSafe(doubled, "cents × part");
  return Math.floor((doubled + whole) / (2 * whole));
}
