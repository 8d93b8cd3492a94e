// The member's message list filters, as read from the address (?categorie=…&statut=en-cours|traite), and
// the counts shown beside the list. Pure.
import { z } from "zod";
import type { MessageCatalog } from "./categories.ts";

export const statusParams = { "en-cours": "open", traite: "answered" } as const;
export type StatusParam = keyof typeof statusParams;

export function listFilterSchema(knownCategories: readonly string[]) {
  return z.object({
    categorie: z
      .string()
      .refine((v) => knownCategories.includes(v), "Cette catégorie n'existe pas : voici tous vos messages.")
      .optional(),
    statut: z.enum(["en-cours", "traite"], { error: "Cet état n'existe pas : voici tous vos messages." }).optional(),
  });
}

export interface CategoryCount {
  key: string;
  label: string;
  count: number;
}

/**
 * Every category of the catalog (members' and the advisors' one, as the messagerie lists them), plus any
 * category a thread still carries after it left the configuration, each with its number of threads.
 */
export function categoryCounts(
  catalog: MessageCatalog,
  counts: { category: string; count: number }[],
): CategoryCount[] {
  const total = new Map<string, number>();
  for (const c of counts) total.set(c.category, (total.get(c.category) ?? 0) + c.count);
  const listed: CategoryCount[] = catalog.map((c) => ({ key: c.key, label: c.label, count: total.get(c.key) ?? 0 }));
  for (const [key, count] of total) if (!catalog.some((c) => c.key === key)) listed.push({ key, label: key, count });
  return listed;
}

/** The address of the list with these filters (no parameter for "all"). */
export function listHref(filter: { categorie?: string; statut?: StatusParam }): string {
  const params = new URLSearchParams();
  if (filter.categorie) params.set("categorie", filter.categorie);
  if (filter.statut) params.set("statut", filter.statut);
  const query = params.toString();
  return query ? `/messagerie?${query}` : "/messagerie";
}
