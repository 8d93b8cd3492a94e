// A section of docs/benchmarks.md that this run did not measure (its part skipped) is copied from the previous
// report with a first line saying where its figures come from. Pure.
//
// Three cases, so that the line never contradicts the section:
// - the section says itself when it was measured (a line starting "(Measured", written by the scale-out part or
//   by hand after measuring it alone): that line is the provenance, and an older "(Kept from the previous report,
//   measured <date>…)" above it, which it contradicts, is dropped;
// - it was already kept by an earlier run: its note, with the older date, stays;
// - it was measured by the previous run: the previous report's date (and commit).

/** The note and body to write for a kept section; `fallback` when the previous report has no such section. */
export function keptSection(
  previousBody: readonly string[] | undefined,
  previousDate: string | undefined,
  fallback = "(not measured yet)",
): string[] {
  if (!previousBody) return [fallback];
  const body = [...previousBody];
  while (body.length && body.at(-1) === "") body.pop();
  const isKeptNote = (l: string) => l.startsWith("(Kept from the previous report");
  const ownDate = body.some((l) => l.startsWith("(Measured"));
  const earlier = body.find(isKeptNote);
  const note = ownDate
    ? "(Kept from the previous report: not measured in this run; when it was measured is said below.)"
    : (earlier ??
      `(Kept from the previous report${previousDate ? `, measured ${previousDate}` : ""}: not measured in this run.)`);
  return [note, "", ...body.filter((l) => !isKeptNote(l))].filter((l, i, a) => !(l === "" && a[i - 1] === ""));
}
