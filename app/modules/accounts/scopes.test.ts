import { describe, expect, it } from "vitest";
import { ageOn } from "../clock/calendar.ts";
import {
  delegableScopes,
  hasScope,
  isGrantLive,
  mayHaveOwnAccess,
  navigationFor,
  parseDelegableScopes,
  relationOf,
  scopes,
  scopesFor,
} from "./scopes.ts";

describe("scopesFor", () => {
  it("gives the contract holder every scope", () => {
    expect(scopesFor("holder")).toEqual([...scopes]);
  });

  it("gives a beneficiary their own space but never the contract (payment account, premium, beneficiaries)", () => {
    const own = scopesFor("beneficiary");
    expect(own).toEqual(expect.arrayContaining(["read", "file", "messages", "card", "bank"]));
    expect(own).not.toContain("contract");
  });

  it("gives a carer only what was granted, and never bank details or the contract even if stored", () => {
    expect(scopesFor("carer", ["file"])).toEqual(["file"]);
    expect(scopesFor("carer", ["read", "messages"])).toEqual(["read", "messages"]);
    expect(scopesFor("carer", ["bank", "contract", "card", "file"])).toEqual(["file"]);
    expect(scopesFor("carer", [])).toEqual([]);
  });

  it("never lets bank details be delegated", () => {
    expect(delegableScopes).not.toContain("bank");
    expect(parseDelegableScopes(["bank", "read", "anything"])).toEqual(["read"]);
  });
});

describe("hasScope", () => {
  it("reads a viewer without relation (older callers) as the contract holder", () => {
    expect(relationOf({})).toBe("holder");
    for (const s of scopes) expect(hasScope({}, s)).toBe(true);
  });

  it("answers from the viewer's own scopes", () => {
    const carer = { relation: "carer" as const, scopes: scopesFor("carer", ["file"]) };
    expect(hasScope(carer, "file")).toBe(true);
    expect(hasScope(carer, "read")).toBe(false);
    expect(hasScope(carer, "bank")).toBe(false);
    const beneficiary = { relation: "beneficiary" as const, scopes: scopesFor("beneficiary") };
    expect(hasScope(beneficiary, "bank")).toBe(true);
    expect(hasScope(beneficiary, "contract")).toBe(false);
  });
});

describe("own access from 16", () => {
  it("counts whole years, the birthday included", () => {
    expect(ageOn("2010-03-15", "2026-03-14")).toBe(15);
    expect(ageOn("2010-03-15", "2026-03-15")).toBe(16);
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
  });

  it("opens from the 16th birthday", () => {
    expect(mayHaveOwnAccess("2010-03-15", "2026-03-14")).toBe(false);
    expect(mayHaveOwnAccess("2010-03-15", "2026-03-15")).toBe(true);
  });
});

describe("isGrantLive", () => {
  it("lives until its end date included, and not once revoked", () => {
    expect(isGrantLive({ endsOn: "2026-06-30", revokedAt: null }, "2026-06-30")).toBe(true);
    expect(isGrantLive({ endsOn: "2026-06-30", revokedAt: null }, "2026-07-01")).toBe(false);
    expect(isGrantLive({ endsOn: "2026-06-30", revokedAt: new Date(0) }, "2026-01-01")).toBe(false);
  });
});

describe("navigationFor", () => {
  it("shows the holder everything, a beneficiary their documents, a carer only their scopes' sections", () => {
    expect(navigationFor({ relation: "holder" })).toBeNull();
    expect(navigationFor({ relation: "beneficiary", scopes: scopesFor("beneficiary") })).toContain("/documents");
    expect(navigationFor({ relation: "carer", scopes: scopesFor("carer", ["read"]) })).toContain("/documents");
    expect(navigationFor({ relation: "carer", scopes: scopesFor("carer", ["file"]) })).not.toContain("/documents");
  });
});
