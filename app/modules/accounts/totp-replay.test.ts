import { createOTP } from "@better-auth/utils/otp";
import { describe, expect, it } from "vitest";
import { stepOfCode } from "./totp-replay.server.ts";

describe("stepOfCode", () => {
  const secret = "a-secret-of-twenty-bytes";
  const now = Date.UTC(2030, 0, 1, 12, 0, 10); // a fixed instant: no dependence on today's date
  const step = Math.floor(now / 30_000);
  const codeAt = (s: number) => createOTP(secret, { digits: 6, period: 30 }).hotp(s);

  it("finds the step a code belongs to, one ahead to two behind", async () => {
    for (const s of [step + 1, step, step - 1, step - 2])
      expect(await stepOfCode(secret, await codeAt(s), now)).toBe(s);
  });

  it("finds nothing for a code outside the window", async () => {
    expect(await stepOfCode(secret, await codeAt(step - 5), now)).toBeNull();
  });
});
