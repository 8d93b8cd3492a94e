// Reads a refused form's error pattern back from the server's HTML (docs/accessibility.md, "Form errors"): one
// summary (role="alert", focusable), each of its links to a field that exists, carries aria-invalid="true" and
// names its message in aria-describedby (a group of radios or checkboxes: its fieldset names the message, and
// carries no aria-invalid). Returns the ids the summary links to.
import { expect } from "vitest";

/** The opening tag of the element with this id. */
export function tagWithId(html: string, id: string): string | null {
  return new RegExp(`<[a-z]+ [^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? null;
}

/**
 * A group of radios or checkboxes: the summary links to its first input, and the group's fieldset names the
 * message (its aria-describedby holds `<id>-erreur`). Null for any other field, which carries its error itself.
 */
function groupOf(html: string, id: string, tag: string): string | null {
  if (!/type="(radio|checkbox)"/.test(tag)) return null;
  return new RegExp(`<fieldset [^>]*aria-describedby="[^"]*\\b${id}-erreur[^"]*"[^>]*>`).exec(html)?.[0] ?? null;
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
    const group = groupOf(html, id, tag!);
    // aria-invalid on the field; a group of radios or checkboxes is described by its message instead (ARIA 1.2
    // does not support aria-invalid on a group: screen readers would not say it).
    if (group) expect(group, `${where}: #${id} group without aria-invalid`).not.toContain("aria-invalid");
    else expect(tag!, `${where}: #${id} aria-invalid`).toContain('aria-invalid="true"');
    // The message is named by the field, or by its group's fieldset (read once, not on every option); a radio
    // group without a described fieldset leaves it at the conventional id next to the group.
    const carrier = group ?? tag!;
    const lone = !group && /type="radio"/.test(carrier) && !/aria-describedby=/.test(carrier);
    if (!lone) expect(carrier, `${where}: #${id} aria-describedby`).toMatch(/aria-describedby="[^"]*-erreur/);
    const describedBy = /aria-describedby="([^"]*)"/.exec(carrier)?.[1]?.split(" ") ?? [`${id}-erreur`];
    for (const ref of describedBy) expect(tagWithId(html, ref), `${where}: #${ref}`).not.toBeNull();
  }
  return targets;
}

/** The summary's plain-text lines (errors about the whole form). */
export function summaryText(html: string): string {
  return (/error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "").replace(/<[^>]+>/g, " ");
}
