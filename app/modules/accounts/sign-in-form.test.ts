import { describe, expect, it } from "vitest";
import { signInSchema } from "./sign-in-form.ts";

describe("signInSchema", () => {
  it("accepts a member number, an e-mail or an advisor login, trimmed", () => {
    for (const identifier of [" 10000001 ", "benoit.brouez@example.com", "conseiller.demo"]) {
      expect(signInSchema.safeParse({ identifier, password: "x" }).success).toBe(true);
    }
    expect(signInSchema.parse({ identifier: " 10000001 ", password: "x" }).identifier).toBe("10000001");
  });

  it("refuses what cannot be an identifier, with a French message", () => {
    const result = signInSchema.safeParse({ identifier: "12<b>", password: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      "Saisissez un numéro d'adhérent à 8 chiffres ou une adresse e-mail valide.",
    );
  });
});
