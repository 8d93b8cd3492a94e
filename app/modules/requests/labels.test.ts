import { describe, expect, it } from "vitest";
import { countOf, requestStatusLabel } from "./labels.ts";

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
});
