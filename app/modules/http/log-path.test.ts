import { describe, expect, it } from "vitest";
import { pathWithoutValues } from "./log-path.ts";

describe("pathWithoutValues", () => {
  it.each([
    ["/back-office/adherents/10000001", "/back-office/adherents/:valeur"],
    ["/remboursements/0193c5b2-7a1e-7cc0-9a55-1f2e3d4c5b6a", "/remboursements/:valeur"],
    ["/mot-de-passe/nouveau/AbCd3fGh1jKlMnOpQrStUvW9", "/mot-de-passe/nouveau/:valeur"],
    ["/documents/carte-tiers-payant/2026", "/documents/carte-tiers-payant/:valeur"],
    ["/recherche/%C3%A9l%C3%A8ve", "/recherche/:valeur"],
  ])("masks the values in %s", (path, expected) => {
    expect(pathWithoutValues(path)).toBe(expected);
  });

  it("keeps words and file names", () => {
    expect(pathWithoutValues("/ma-mutuelle/coordonnees-bancaires")).toBe("/ma-mutuelle/coordonnees-bancaires");
    expect(pathWithoutValues("/assets/app-B8u9Xjjg.js")).toBe("/assets/app-B8u9Xjjg.js");
  });
});
