// What the request log may say of a path that no route pattern named (static files, requests refused before
// routing): segments that could hold a member number, an id or a token are replaced.
export function pathWithoutValues(path: string): string {
  return path
    .split("/")
    .map((segment) => (mayHoldValue(segment) ? ":valeur" : segment))
    .join("/");
}

function mayHoldValue(segment: string): boolean {
  if (/\.[a-z0-9]{1,5}$/i.test(segment)) return false; // a file name (fingerprinted assets)
  // Numbers (member numbers, years), ids, encoded text, long tokens mixing letters and digits.
  return /\d{3,}|[0-9a-f]{8}-[0-9a-f]{4}|%/i.test(segment) || /^(?=.*\d)[A-Za-z0-9_-]{20,}$/.test(segment);
}
