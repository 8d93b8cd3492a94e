import { describe, expect, it } from "vitest";
import {
  advisorCategory,
  defaultMessageCategories as catalog,
  findCategory,
  findSubject,
  memberCategories,
  onlineServiceFor,
  parseMessageCategories,
  subjectLabel,
} from "./categories.ts";

describe("message categories", () => {
  it("lists the categories of the source document, in its order, the advisor's one last", () => {
    expect(catalog.map((c) => c.label)).toEqual([
      "Attestation",
      "Information soins",
      "Accident",
      "Prise en charge",
      "Modification de contrat",
      "Cotisations",
      "Information contrat à l'étranger",
      "Données et site internet",
      "Message de votre conseiller",
    ]);
  });

  it("keeps 'Message de votre conseiller' for advisors only", () => {
    expect(memberCategories(catalog).map((c) => c.key)).not.toContain("conseiller");
    expect(findCategory(catalog, "conseiller")).toBeUndefined();
    expect(findCategory(catalog, "conseiller", "advisor")).toBe(advisorCategory(catalog));
  });

  it("maps a category and subject to its online service", () => {
    expect(onlineServiceFor(catalog, "modification-contrat", "ajout-beneficiaires")).toEqual({
      label: "Ajout de bénéficiaires",
      href: "/ma-mutuelle/beneficiaires",
    });
    expect(onlineServiceFor(catalog, "modification-contrat", "coordonnees-bancaires")?.href).toBe(
      "/ma-mutuelle/coordonnees-bancaires",
    );
    expect(onlineServiceFor(catalog, "attestation", "attestation-droits")?.href).toBe("/documents");
    expect(onlineServiceFor(catalog, "information-soins", "question-remboursement")?.href).toBe("/remboursements");
    expect(onlineServiceFor(catalog, "information-soins", "devis")?.href).toBe("/devis/nouveau");
  });

  it("has no service for subjects only an advisor can handle, nor for a subject under the wrong category", () => {
    expect(onlineServiceFor(catalog, "modification-contrat", "niveau-garantie")).toBeUndefined();
    expect(onlineServiceFor(catalog, "accident", "declarer-accident")).toBeUndefined();
    expect(onlineServiceFor(catalog, "attestation", "ajout-beneficiaires")).toBeUndefined();
    expect(onlineServiceFor(catalog, "conseiller", "information")).toBeUndefined();
    expect(onlineServiceFor(catalog, null, null)).toBeUndefined();
  });

  it("has unique keys, every category with subjects, every service an internal path", () => {
    const keys = catalog.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of catalog) {
      expect(c.subjects.length).toBeGreaterThan(0);
      const subjectKeys = c.subjects.map((s) => s.key);
      expect(new Set(subjectKeys).size).toBe(subjectKeys.length);
      for (const s of c.subjects) if (s.service) expect(s.service.href).toMatch(/^\/[a-z]/);
    }
  });

  it("finds subjects only within their category and labels unknown keys as themselves", () => {
    expect(findSubject(findCategory(catalog, "modification-contrat"), "retrait-beneficiaire")?.label).toBe(
      "Retrait de bénéficiaire",
    );
    expect(findSubject(findCategory(catalog, "cotisations"), "retrait-beneficiaire")).toBeUndefined();
    expect(subjectLabel(catalog, "modification-contrat", "ajout-beneficiaires")).toBe("Ajout de bénéficiaires");
    expect(subjectLabel(catalog, "ancienne", "cle-retiree")).toBe("cle-retiree");
  });

  it("checks a list an administrateur saves: JSON, keys, one advisor category, internal services only", () => {
    expect(parseMessageCategories(JSON.stringify(catalog))).toEqual({ ok: true, catalog });
    expect(parseMessageCategories("{")).toMatchObject({
      ok: false,
      issues: [expect.stringContaining("JSON invalide")],
    });
    const noAdvisor = catalog.filter((c) => !c.advisorOnly);
    expect(parseMessageCategories(JSON.stringify(noAdvisor))).toMatchObject({
      ok: false,
      issues: [expect.stringContaining("réservée aux conseillers")],
    });
    const outside = [
      {
        key: "autre",
        label: "Autre",
        subjects: [{ key: "x", label: "Un lien", service: { label: "Ailleurs", href: "https://exemple.org" } }],
      },
      catalog.at(-1),
    ];
    expect(parseMessageCategories(JSON.stringify(outside))).toMatchObject({
      ok: false,
      issues: [expect.stringContaining("une page du site")],
    });
    const twice = [catalog[0], catalog[0], catalog.at(-1)];
    expect(parseMessageCategories(JSON.stringify(twice))).toMatchObject({
      ok: false,
      issues: [expect.stringContaining("même clé")],
    });
  });
});
