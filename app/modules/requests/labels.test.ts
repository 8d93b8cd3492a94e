import { describe, expect, it } from "vitest";
import { countOf, requestStatusLabel, requestTitle } from "./labels.ts";

describe("démarche wording", () => {
  it("agrees the status with the kind: a devis is masculine", () => {
    expect(requestStatusLabel("quote", "submitted")).toBe("Envoyé");
    expect(requestStatusLabel("quote", "accepted")).toBe("Accepté");
    expect(requestStatusLabel("bank_details", "cancelled")).toBe("Annulé");
    expect(requestStatusLabel("claim", "submitted")).toBe("Envoyée");
    expect(requestStatusLabel("quote", "in_progress")).toBe("En cours");
  });

  it("writes a known count without (s)", () => {
    expect(countOf(1, "pièce jointe", "pièces jointes")).toBe("1 pièce jointe");
    expect(countOf(2, "pièce jointe", "pièces jointes")).toBe("2 pièces jointes");
  });

  it("titles a devis by its care and the day it was sent, a claim by its care date (issue 20, item 15)", () => {
    const base = { careDate: null, beneficiaryFirstName: "Sarah", subject: null };
    expect(requestTitle({ ...base, kind: "quote", careType: "optique", createdOn: "2026-12-02" })).toBe(
      "Devis optique du 02/12/2026 pour Sarah",
    );
    expect(requestTitle({ ...base, kind: "claim", careType: "dentaire", careDate: "2026-06-04" })).toBe(
      "Soins dentaires le 04/06/2026 pour Sarah",
    );
  });
});
