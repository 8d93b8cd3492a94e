import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isUsableWithoutRefresh, signedSessionToken } from "./session-read.server.ts";

const settings = { sessionCookie: "__Host-espace.session_token", dontRememberCookie: "__Host-espace.dont_remember", secret: "s3cret-for-tests-only-0123456789abcdef" };
const sign = (token: string, secret = settings.secret) => encodeURIComponent(`${token}.${createHmac("sha256", secret).update(token).digest("base64")}`);

describe("signedSessionToken", () => {
  it("returns the token of a cookie signed as better-call signs it", () => {
    expect(signedSessionToken(`other=1; ${settings.sessionCookie}=${sign("abc_DEF-123")}`, settings)).toBe("abc_DEF-123");
  });

  it("refuses a missing, unsigned, truncated, foreign-signed or altered cookie", () => {
    expect(signedSessionToken(null, settings)).toBeNull();
    expect(signedSessionToken("other=1", settings)).toBeNull();
    expect(signedSessionToken(`${settings.sessionCookie}=abc`, settings)).toBeNull();
    expect(signedSessionToken(`${settings.sessionCookie}=${sign("abc").slice(0, -6)}`, settings)).toBeNull();
    expect(signedSessionToken(`${settings.sessionCookie}=${sign("abc", "another-secret-0123456789abcdef")}`, settings)).toBeNull();
    const good = decodeURIComponent(sign("abc"));
    expect(signedSessionToken(`${settings.sessionCookie}=${encodeURIComponent(`abd${good.slice(3)}`)}`, settings)).toBeNull();
  });

  it("leaves a session better-auth must not remember to better-auth", () => {
    expect(signedSessionToken(`${settings.sessionCookie}=${sign("abc")}; ${settings.dontRememberCookie}=x`, settings)).toBeNull();
  });
});

describe("isUsableWithoutRefresh", () => {
  const timing = { expiresInSeconds: 1800, updateAgeSeconds: 60 };
  const now = Date.parse("2026-11-26T10:00:00Z");
  it("is true for a session refreshed less than a minute ago", () => {
    expect(isUsableWithoutRefresh({ expiresAt: new Date(now + 1770_000) }, now, timing)).toBe(true);
  });
  it("is false once the sliding refresh is due, or after expiry", () => {
    expect(isUsableWithoutRefresh({ expiresAt: new Date(now + 1740_000) }, now, timing)).toBe(false);
    expect(isUsableWithoutRefresh({ expiresAt: new Date(now - 1) }, now, timing)).toBe(false);
  });
});
