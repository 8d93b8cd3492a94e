import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path.ts";

describe("safeReturnPath", () => {
  it.each([
    ["/remboursements?beneficiaire=x", "/remboursements?beneficiaire=x"],
    ["/mon-compte/email", "/mon-compte/email"],
    ["/back-office/adherents?q=dupont%20marie", "/back-office/adherents?q=dupont%20marie"],
    ["/a/./b/../c", "/a/c"],
    ["/", "/"],
  ])("keeps the same-site path %s → %s", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/x",
    "/.//evil.example/x",
    "/./\\evil.example",
    "/..//evil.example",
    "/a/..//evil.example",
    "/%2e//evil.example",
    "/%2e%2e//evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%252F%252Fevil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%255Cevil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%00/x",
    "/x\u0000",
    "/\u007f/evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    " //evil.example",
    "evil.example",
    "/%E0%A4%A",
    "",
  ])("refuses %j", (input) => {
    expect(safeReturnPath(input)).toBe("/");
    expect(safeReturnPath(input, "/mon-compte")).toBe("/mon-compte");
  });

  it("refuses a path longer than any of ours", () => {
    expect(safeReturnPath("/" + "a".repeat(3000))).toBe("/");
  });

  it("refuses what is not a string", () => {
    expect(safeReturnPath(null)).toBe("/");
    expect(safeReturnPath(undefined, "")).toBe("");
    expect(safeReturnPath(["/a"])).toBe("/");
  });
});
