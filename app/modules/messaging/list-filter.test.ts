import { describe, expect, it } from "vitest";
import { defaultMessageCategories } from "./categories.ts";
import { categoryCounts, listFilterSchema, listHref } from "./list-filter.ts";

describe("message list filters", () => {
  const schema = listFilterSchema(defaultMessageCategories.map((c) => c.key));
  it("accepts a known category and status, refuses others in French", () => {
    expect(schema.parse({ categorie: "attestation", statut: "traite" })).toEqual({
      categorie: "attestation",
      statut: "traite",
    });
    const bad = schema.safeParse({ categorie: "inconnue", statut: "ouvert" });
    expect(bad.error!.issues.map((i) => i.message)).toEqual([
      "Cette catégorie n'existe pas : voici tous vos messages.",
      "Cet état n'existe pas : voici tous vos messages.",
    ]);
  });
  it("lists every category with its count, and a category no longer configured", () => {
    const listed = categoryCounts(defaultMessageCategories, [
      { category: "attestation", count: 2 },
      { category: "attestation", count: 1 },
      { category: "ancienne", count: 4 },
    ]);
    expect(listed.find((c) => c.key === "attestation")).toEqual({ key: "attestation", label: "Attestation", count: 3 });
    expect(listed.find((c) => c.key === "accident")?.count).toBe(0);
    expect(listed.at(-1)).toEqual({ key: "ancienne", label: "ancienne", count: 4 });
    expect(listed).toHaveLength(defaultMessageCategories.length + 1);
  });
  it("builds plain links", () => {
    expect(listHref({})).toBe("/messagerie");
    expect(listHref({ categorie: "etranger", statut: "en-cours" })).toBe(
      "/messagerie?categorie=etranger&statut=en-cours",
    );
  });
});
