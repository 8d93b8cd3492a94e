import { describe, expect, it } from "vitest";
import { isEmailCodeUsable, isStepUpFresh, normaliseCode } from "./step-up.ts";

const now = new Date("2026-11-26T10:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe("isStepUpFresh", () => {
  it("is fresh for five minutes after the proof", () => {
    expect(isStepUpFresh(ago(0), now)).toBe(true);
    expect(isStepUpFresh(ago(299), now)).toBe(true);
  });
  it("expires at five minutes", () => {
    expect(isStepUpFresh(ago(300), now)).toBe(false);
    expect(isStepUpFresh(ago(3600), now)).toBe(false);
  });
  it("is never fresh without a proof or with one far in the future", () => {
    expect(isStepUpFresh(null, now)).toBe(false);
    expect(isStepUpFresh(undefined, now)).toBe(false);
    expect(isStepUpFresh(ago(-60), now)).toBe(false);
  });
});

describe("isEmailCodeUsable", () => {
  const base = { passwordVerifiedAt: ago(60), emailCodeExpiresAt: ago(-540), emailCodeAttempts: 0 };
  it("accepts a code sent after the password, before it expires, under five attempts", () => {
    expect(isEmailCodeUsable(base, now)).toBe(true);
    expect(isEmailCodeUsable({ ...base, emailCodeAttempts: 4 }, now)).toBe(true);
  });
  it("refuses after five attempts, after expiry or without the password step", () => {
    expect(isEmailCodeUsable({ ...base, emailCodeAttempts: 5 }, now)).toBe(false);
    expect(isEmailCodeUsable({ ...base, emailCodeExpiresAt: ago(1) }, now)).toBe(false);
    expect(isEmailCodeUsable({ ...base, passwordVerifiedAt: null }, now)).toBe(false);
    expect(isEmailCodeUsable({ ...base, passwordVerifiedAt: ago(601) }, now)).toBe(false);
  });
});

it("normaliseCode drops spaces and dashes", () => {
  expect(normaliseCode(" 123 456 ")).toBe("123456");
  expect(normaliseCode("123-456")).toBe("123456");
});
