// The table as members read it: lines grouped by domain, each said in plain French, with an example.
import { categories, domainLabels } from "./categories.ts";
import { describeConditions, describeLineTitle, describeRule } from "./describe.ts";
import { exampleFor } from "./examples.ts";
import type { GuaranteeTable } from "./model.ts";
import { matchesQuery } from "./search.ts";

export interface GuaranteeSection {
  domain: string;
  label: string;
  lines: { id: string; title: string; rule: string; conditions: string[]; example: string | null }[];
}

export function guaranteeSections(table: GuaranteeTable, today: string, query = ""): GuaranteeSection[] {
  const sections = new Map<string, GuaranteeSection>();
  for (const line of table.lines) {
    if (!matchesQuery(line, query)) continue;
    const domain = categories[line.category].domain;
    let section = sections.get(domain);
    if (!section) {
      section = { domain, label: domainLabels[domain], lines: [] };
      sections.set(domain, section);
    }
    section.lines.push({
      id: line.id,
      title: describeLineTitle(line),
      rule: describeRule(line, table),
      conditions: describeConditions(line),
      example: exampleFor(line, table, today),
    });
  }
  return [...sections.values()];
}
