import { describe, expect, it } from "vitest";
import { ribMeanwhile, ribPurpose } from "./rib-wording.ts";

describe("RIB wording", () => {
  it("says the contract's account pays cotisations, a beneficiary's only receives reimbursements", () => {
    expect(ribPurpose({ beneficiaryFirstName: null, hasCurrentAccount: true })).toContain(
      "prélever les cotisations du contrat",
    );
    const louise = ribPurpose({ beneficiaryFirstName: "Louise", hasCurrentAccount: false });
    expect(louise).toContain("recevra les remboursements des soins de Louise");
    expect(louise).toContain("ne sert pas à prélever les cotisations");
  });

  it("says what is used meanwhile, with or without a current account", () => {
    expect(ribMeanwhile({ beneficiaryFirstName: null, hasCurrentAccount: true })).toBe(
      "d'ici là, le compte actuel reste utilisé.",
    );
    expect(ribMeanwhile({ beneficiaryFirstName: null, hasCurrentAccount: false })).toBe(
      "d'ici là, aucun compte n'est enregistré pour le contrat.",
    );
    expect(ribMeanwhile({ beneficiaryFirstName: "Sarah", hasCurrentAccount: true })).toBe(
      "d'ici là, les remboursements de Sarah restent versés sur son compte actuel.",
    );
    expect(ribMeanwhile({ beneficiaryFirstName: "Louise", hasCurrentAccount: false })).toBe(
      "d'ici là, les remboursements de Louise restent versés sur le compte du contrat.",
    );
  });

  it("speaks to a beneficiary in their own space", () => {
    expect(ribPurpose({ beneficiaryFirstName: "Sarah", hasCurrentAccount: true, own: true })).toContain(
      "recevra les remboursements de vos soins",
    );
    expect(ribMeanwhile({ beneficiaryFirstName: "Sarah", hasCurrentAccount: true, own: true })).toBe(
      "d'ici là, vos remboursements restent versés sur votre compte actuel.",
    );
    expect(ribMeanwhile({ beneficiaryFirstName: "Sarah", hasCurrentAccount: false, own: true })).toBe(
      "d'ici là, vos remboursements restent versés sur le compte du contrat.",
    );
  });
});
