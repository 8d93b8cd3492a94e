import { describe, expect, it } from "vitest";
import { advisorCategory, findCategory, findSubject, memberCategories, messageCategories, onlineServiceFor, subjectLabel } from "./categories.ts";

describe("message categories", () => {
  it("lists the categories of the source document, in its order, the advisor's one last", () => {
    expect(messageCategories.map((c) => c.label)).toEqual([
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
    expect(memberCategories.map((c) => c.key)).not.toContain("conseiller");
    expect(findCategory("conseiller")).toBeUndefined();
    expect(findCategory("conseiller", "advisor")).toBe(advisorCategory);
  });

  it("maps a category and subject to its online service", () => {
    expect(onlineServiceFor("modification-contrat", "ajout-beneficiaires")).toEqual({ label: "Ajout de bénéficiaires", href: "/ma-mutuelle/beneficiaires" });
    expect(onlineServiceFor("modification-contrat", "coordonnees-bancaires")?.href).toBe("/ma-mutuelle/coordonnees-bancaires");
    expect(onlineServiceFor("attestation", "attestation-droits")?.href).toBe("/documents");
    expect(onlineServiceFor("information-soins", "question-remboursement")?.href).toBe("/remboursements");
    expect(onlineServiceFor("information-soins", "devis")?.href).toBe("/devis/nouveau");
  });

  it("has no service for subjects only an advisor can handle, nor for a subject under the wrong category", () => {
    expect(onlineServiceFor("modification-contrat", "niveau-garantie")).toBeUndefined();
    expect(onlineServiceFor("accident", "declarer-accident")).toBeUndefined();
    expect(onlineServiceFor("attestation", "ajout-beneficiaires")).toBeUndefined();
    expect(onlineServiceFor("conseiller", "information")).toBeUndefined();
    expect(onlineServiceFor(null, null)).toBeUndefined();
  });

  it("has unique keys, every category with subjects, every service an internal path", () => {
    const keys = messageCategories.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of messageCategories) {
      expect(c.subjects.length).toBeGreaterThan(0);
      const subjectKeys = c.subjects.map((s) => s.key);
      expect(new Set(subjectKeys).size).toBe(subjectKeys.length);
      for (const s of c.subjects) if (s.service) expect(s.service.href).toMatch(/^\/[a-z]/);
    }
  });

  it("finds subjects only within their category and labels unknown keys as themselves", () => {
    expect(findSubject(findCategory("modification-contrat"), "retrait-beneficiaire")?.label).toBe("Retrait de bénéficiaire");
    expect(findSubject(findCategory("cotisations"), "retrait-beneficiaire")).toBeUndefined();
    expect(subjectLabel("modification-contrat", "ajout-beneficiaires")).toBe("Ajout de bénéficiaires");
    expect(subjectLabel("ancienne", "cle-retiree")).toBe("cle-retiree");
  });
});
