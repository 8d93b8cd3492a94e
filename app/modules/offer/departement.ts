// The département of a French postcode: the first two digits, except Corsica (20: 2A below 20200, else 2B)
// and the overseas départements (97x: three digits). Pure.

const overseas = new Set(["971", "972", "973", "974", "976"]);

/** "75011" → "75", "20090" → "2A", "20200" → "2B", "97400" → "974"; null when no département has it. */
export function departementOf(postalCode: string): string | null {
  if (!/^\d{5}$/.test(postalCode)) return null;
  const two = postalCode.slice(0, 2);
  if (two === "20") return Number(postalCode) < 20200 ? "2A" : "2B";
  if (two === "97") {
    const three = postalCode.slice(0, 3);
    return overseas.has(three) ? three : null;
  }
  const n = Number(two);
  if (n < 1 || n > 95) return null;
  return two;
}

/** Every département code, for validating a tariff file's zones. */
export const departementCodes: ReadonlySet<string> = new Set([
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, "0")).filter((d) => d !== "20"),
  "2A",
  "2B",
  ...overseas,
]);
