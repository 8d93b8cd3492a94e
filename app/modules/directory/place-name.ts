// How place names are compared: without accents, case, hyphens or apostrophes. Pure.

/** "Saint-Étienne" → "saint etienne"; "St Etienne" → "saint etienne". */
export function normalizePlace(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/[-'’.,/]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\bste\b/g, "sainte")
    .replace(/\bst\b/g, "saint");
}
