import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isRefreshDue, sessionCookieHeader, signedSessionToken } from "./session-read.server.ts";

const settings = {
  sessionCookie: "__Host-espace.session_token",
  dontRememberCookie: "__Host-espace.dont_remember",
  secret: "s3cret-for-tests-only-0123456789abcdef",
};
const sign = (token: string, secret = settings.secret) =>
  encodeURIComponent(`${token}.${createHmac("sha256", secret).update(token).digest("base64")}`);

describe("signedSessionToken", () => {
  it("returns the token of a cookie signed as better-call signs it", () => {
    const value = sign("abc_DEF-123");
    expect(signedSessionToken(`other=1; ${settings.sessionCookie}=${value}`, settings)).toEqual({
      token: "abc_DEF-123",
      signedValue: decodeURIComponent(value),
    });
  });

  it("refuses a missing, unsigned, truncated, foreign-signed or altered cookie", () => {
    expect(signedSessionToken(null, settings)).toBeNull();
    expect(signedSessionToken("other=1", settings)).toBeNull();
    expect(signedSessionToken(`${settings.sessionCookie}=abc`, settings)).toBeNull();
    expect(signedSessionToken(`${settings.sessionCookie}=${sign("abc").slice(0, -6)}`, settings)).toBeNull();
    expect(
      signedSessionToken(`${settings.sessionCookie}=${sign("abc", "another-secret-0123456789abcdef")}`, settings),
    ).toBeNull();
    const good = decodeURIComponent(sign("abc"));
    expect(
      signedSessionToken(`${settings.sessionCookie}=${encodeURIComponent(`abd${good.slice(3)}`)}`, settings),
    ).toBeNull();
  });

  it("leaves a session better-auth must not remember to better-auth", () => {
    expect(
      signedSessionToken(`${settings.sessionCookie}=${sign("abc")}; ${settings.dontRememberCookie}=x`, settings),
    ).toBeNull();
  });
});

describe("isRefreshDue", () => {
  const timing = { expiresInSeconds: 1800, updateAgeSeconds: 60 };
  const now = Date.parse("2026-11-26T10:00:00Z");
  it("is false for a session slid less than a minute ago", () => {
    expect(isRefreshDue({ expiresAt: new Date(now + 1770_000) }, now, timing)).toBe(false);
  });
  it("is true a minute after the last slide, as better-auth counts it", () => {
    expect(isRefreshDue({ expiresAt: new Date(now + 1740_000) }, now, timing)).toBe(true);
    expect(isRefreshDue({ expiresAt: new Date(now + 60_000) }, now, timing)).toBe(true);
  });
});

describe("sessionCookieHeader", () => {
  it("writes the cookie as better-call does, with the idle lifetime as Max-Age", () => {
    const header = sessionCookieHeader("tok.sig+/=", {
      sessionCookie: "__Host-espace.session_token",
      cookieAttributes: { path: "/", httpOnly: true, secure: true, sameSite: "lax" },
      expiresInSeconds: 1800,
    });
    expect(header).toBe(
      "__Host-espace.session_token=tok.sig%2B%2F%3D; Max-Age=1800; Path=/; HttpOnly; Secure; SameSite=Lax",
    );
  });
});
