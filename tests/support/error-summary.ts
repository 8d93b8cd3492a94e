// Reads a refused form's error pattern back from the server's HTML (docs/accessibility.md, "Form errors"): the
// summary (role="alert", focusable), each of its links to a field that exists, carries aria-invalid="true" and
// names its message in aria-describedby. Returns the ids the summary links to.
import { expect } from "vitest";

/** The opening tag of the element with this id. */
export function tagWithId(html: string, id: string): string | null {
  return new RegExp(`<[a-z]+ [^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? null;
}

export function checkSummary(html: string, where: string): string[] {
  const summary =
    /<div class="alert alert--error error-summary" role="alert" tabindex="-1"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  expect(summary, `${where}: error summary`).not.toBeNull();
  expect(html.match(/error-summary"/g), `${where}: one summary`).toHaveLength(1);
  const targets = [...summary![1]!.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
  for (const id of targets) {
    const tag = tagWithId(html, id);
    expect(tag, `${where}: field #${id}`).not.toBeNull();
    // A checkbox group: its fieldset carries the error, its first box the id.
    const carrier = /type="checkbox"/.test(tag!)
      ? (new RegExp(`<fieldset [^>]*aria-describedby="[^"]*${id}-erreur[^"]*"[^>]*>`).exec(html)?.[0] ?? "")
      : tag!;
    expect(carrier, `${where}: #${id} aria-invalid`).toContain('aria-invalid="true"');
    expect(carrier, `${where}: #${id} aria-describedby`).toMatch(/aria-describedby="[^"]*-erreur/);
    const describedBy = /aria-describedby="([^"]*)"/.exec(carrier)?.[1]?.split(" ") ?? [];
    for (const ref of describedBy) expect(tagWithId(html, ref), `${where}: #${ref}`).not.toBeNull();
  }
  return targets;
}

/** The summary's plain-text lines (errors about the whole form). */
export function summaryText(html: string): string {
  return (/error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "").replace(/<[^>]+>/g, " ");
}
