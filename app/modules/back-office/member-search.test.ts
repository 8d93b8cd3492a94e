import { describe, expect, it } from "vitest";
import { describeAdvisorAccess } from "./access-labels.ts";
import { foldName, isMemberNumber, parseMemberQuery } from "./member-search.ts";

describe("member search words", () => {
  it("reads eight digits as a numéro d'adhérent, spaces allowed", () => {
    expect(parseMemberQuery("10000001")).toEqual({ kind: "number", memberNumber: "10000001" });
    expect(parseMemberQuery(" 1000 0001 ")).toEqual({ kind: "number", memberNumber: "10000001" });
  });
  it("reads an address with @ as an e-mail, in lower case", () => {
    expect(parseMemberQuery("Benoit.Brouez@Example.com")).toEqual({
      kind: "email",
      email: "benoit.brouez@example.com",
    });
  });
  it("reads the rest as a name prefix without case, accents or wildcards", () => {
    expect(parseMemberQuery("HÉLIA")).toEqual({ kind: "name", prefix: "helia" });
    expect(parseMemberQuery("Bro%u_")).toEqual({ kind: "name", prefix: "brou" });
    expect(foldName("Œdipe Çà")).toBe("oedipe ca");
  });
  it("needs two characters, and says so apart from an empty search", () => {
    expect(parseMemberQuery("")).toEqual({ kind: "empty" });
    expect(parseMemberQuery("   ")).toEqual({ kind: "empty" });
    expect(parseMemberQuery("B")).toEqual({ kind: "too_short" });
    expect(parseMemberQuery("%%")).toEqual({ kind: "too_short" });
    expect(parseMemberQuery("Br")).toEqual({ kind: "name", prefix: "br" });
  });
  it("accepts only eight digits as a member page address", () => {
    expect(isMemberNumber("10000001")).toBe(true);
    expect(isMemberNumber("1000000")).toBe(false);
    expect(isMemberNumber("10000001x")).toBe(false);
    expect(isMemberNumber(undefined)).toBe(false);
  });
});

describe("advisor accesses in plain French", () => {
  it("reads each code, with a démarche's reference when it has one", () => {
    expect(describeAdvisorAccess("backoffice.member_view", { what: "member_file" })).toBe("le résumé de votre dossier");
    expect(describeAdvisorAccess("backoffice.member_view", { what: "request:DR-2026-ABCD2345" })).toBe(
      "votre démarche DR-2026-ABCD2345",
    );
    expect(describeAdvisorAccess("backoffice.member_view", { what: "request_file:DR-2026-L4K7P2M9" })).toBe(
      "un justificatif de votre démarche DR-2026-L4K7P2M9",
    );
    expect(describeAdvisorAccess("message.advisor_view", { threadId: "x" })).toBe("un échange de votre messagerie");
  });
  it("never echoes an unknown code or a malformed reference", () => {
    expect(describeAdvisorAccess("backoffice.member_view", { what: "<script>" })).toBe("votre dossier");
    expect(describeAdvisorAccess("backoffice.claim_decision", null)).toBe("votre dossier");
    expect(describeAdvisorAccess("backoffice.member_view", { what: "request:n'importe quoi" })).toBe(
      "une de vos démarches",
    );
  });
});
