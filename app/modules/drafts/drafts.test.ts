import { describe, expect, it } from "vitest";
import { draftOwnerOf, ownerCookieHeader, ownerCookieName, readTextFields } from "./drafts.server.ts";

const settings = { sessionCookieName: "espace.session_token", secure: false, secret: "s".repeat(40) };

function cookieOf(header: string): string {
  return header.split(";")[0]!;
}

const benoit = { userId: "user-1", space: "6f1c-household/9a2e-person" };
const spaceB = { userId: "user-1", space: "7b2d-household/1c3f-person" };

describe("draft owner cookie", () => {
  it("names the account and space it was set for, and nothing once tampered with or signed with another secret", () => {
    const header = ownerCookieHeader(settings, benoit);
    expect(header).toMatch(
      /^espace\.draft_owner=user-1\.6f1c-household\/9a2e-person\.\d+\.[\w-]+; Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect(draftOwnerOf(settings, cookieOf(header))).toEqual(benoit);
    expect(draftOwnerOf(settings, cookieOf(header).replace("user-1", "user-2"))).toBeNull();
    // A carer's cookie moved to another space no longer names anyone.
    expect(draftOwnerOf(settings, cookieOf(header).replace(benoit.space, spaceB.space))).toBeNull();
    expect(draftOwnerOf({ ...settings, secret: "t".repeat(40) }, cookieOf(header))).toBeNull();
    expect(draftOwnerOf(settings, "espace.draft_owner=user-1")).toBeNull();
    expect(draftOwnerOf(settings, null)).toBeNull();
    // An advisor (no space) too.
    const advisor = { userId: "advisor-1", space: "" };
    expect(draftOwnerOf(settings, cookieOf(ownerCookieHeader(settings, advisor)))).toEqual(advisor);
  });

  it("stops naming anyone on the server once its hour is past, even if a browser (or a copy) still sends it", () => {
    const setAt = Date.UTC(2026, 11, 2, 9, 0, 0);
    const cookie = cookieOf(ownerCookieHeader(settings, benoit, setAt));
    expect(draftOwnerOf(settings, cookie, setAt + 3_600_000)).toEqual(benoit);
    expect(draftOwnerOf(settings, cookie, setAt + 3_601_000)).toBeNull();
    // The time is signed: moving it forward breaks the signature.
    const later = cookie.replace(/\.(\d+)\./, (_m, t: string) => `.${Number(t) + 3600}.`);
    expect(draftOwnerOf(settings, later, setAt + 3_601_000)).toBeNull();
  });

  it("follows the session cookie's name and Secure flag over HTTPS", () => {
    const secure = { ...settings, sessionCookieName: "__Host-espace.session_token", secure: true };
    expect(ownerCookieName(secure)).toBe("__Host-espace.draft_owner");
    expect(ownerCookieHeader(secure, benoit)).toMatch(/; Secure$/);
  });
});

describe("readTextFields", () => {
  it("keeps only the named text fields of a url-encoded form", async () => {
    const request = new Request("http://x/", {
      method: "POST",
      body: new URLSearchParams({ iban: "FR76", holderName: "A", password: "secret" }),
    });
    expect(await readTextFields(request, ["iban", "holderName"])).toEqual({ iban: "FR76", holderName: "A" });
  });

  it("reads a multipart form's text and skips its files", async () => {
    const form = new FormData();
    form.set("message", "Bonjour");
    form.set("fichiers", new Blob(["%PDF-1.4"], { type: "application/pdf" }), "a.pdf");
    const request = new Request("http://x/", { method: "POST", body: form });
    expect(await readTextFields(request, ["message", "fichiers"])).toEqual({ message: "Bonjour" });
  });
});
