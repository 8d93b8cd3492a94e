// Text folded for search: lower case, without accents or ligatures, so "remboursé", "REMBOURSE" and
// "rembourse" meet in PostgreSQL's French full-text search (PGlite has no unaccent extension). Pure.

export function foldAccents(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "OE")
    .replace(/æ/g, "ae")
    .replace(/Æ/g, "AE")
    .toLowerCase();
}
