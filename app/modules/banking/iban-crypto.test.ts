import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptIban, derivedKeyRing, encryptIban, keyIdOf, parseKeyRing } from "./iban-crypto.server.ts";

const key = () => randomBytes(32).toString("base64");
const iban = "FR7630006000011234567890189";

describe("IBAN encryption", () => {
  it("round-trips and never contains the IBAN in clear", () => {
    const ring = parseKeyRing(`k1:${key()}`);
    const stored = encryptIban(ring, iban, "household-a");
    expect(stored).not.toContain(iban);
    expect(stored).not.toContain("189");
    expect(decryptIban(ring, stored, "household-a")).toBe(iban);
  });
  it("uses a new nonce each time", () => {
    const ring = parseKeyRing(`k1:${key()}`);
    expect(encryptIban(ring, iban, "h")).not.toBe(encryptIban(ring, iban, "h"));
  });
  it("refuses a ciphertext moved to another household or tampered with", () => {
    const ring = parseKeyRing(`k1:${key()}`);
    const stored = encryptIban(ring, iban, "household-a");
    // AES-GCM's tag does not match: Node's own message.
    expect(() => decryptIban(ring, stored, "household-b")).toThrow(/unable to authenticate/);
    const parts = stored.split(".");
    parts[4] = Buffer.from("FR7600000000000000000000000").toString("base64url");
    expect(() => decryptIban(ring, parts.join("."), "household-a")).toThrow(/unable to authenticate/);
  });
  it("refuses a truncated authentication tag", () => {
    const ring = parseKeyRing(`k1:${key()}`);
    const parts = encryptIban(ring, iban, "h").split(".");
    parts[3] = Buffer.from(parts[3]!, "base64url").subarray(0, 4).toString("base64url");
    expect(() => decryptIban(ring, parts.join("."), "h")).toThrow("illisible");
  });
  it("encrypts with the first key and still reads values under older keys", () => {
    const oldKey = key();
    const before = parseKeyRing(`k1:${oldKey}`);
    const stored = encryptIban(before, iban, "h");
    const after = parseKeyRing(`k2:${key()},k1:${oldKey}`);
    expect(decryptIban(after, stored, "h")).toBe(iban);
    expect(keyIdOf(encryptIban(after, iban, "h"))).toBe("k2");
    expect(() => decryptIban(parseKeyRing(`k2:${key()}`), stored, "h")).toThrow(/absente/);
  });
  it("rejects malformed key configuration with a French message", () => {
    expect(() => parseKeyRing("")).toThrow(/au moins une clé/);
    expect(() => parseKeyRing("k1:abcd")).toThrow(/32 octets/);
    expect(() => parseKeyRing(`k1:${key()},k1:${key()}`)).toThrow(/en double/);
  });
  it("derives a stable key from the auth secret when none is configured", () => {
    const stored = encryptIban(derivedKeyRing("x".repeat(40)), iban, "h");
    expect(decryptIban(derivedKeyRing("x".repeat(40)), stored, "h")).toBe(iban);
  });
});
