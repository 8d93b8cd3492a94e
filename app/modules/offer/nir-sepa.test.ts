import { describe, expect, it } from "vitest";
import { checkNir, nirKey } from "./nir.ts";
import { isValidIcs, newRum, rumPattern } from "./sepa.ts";

/** A valid NIR built from its first 13 characters (its key computed by hand below where it matters). */
const withKey = (first13: string) => `${first13}${String(nirKey(first13)).padStart(2, "0")}`;

describe("NIR key", () => {
  it("97 − (number mod 97): 1 840 969 123 456 = 97 × 18 979 063 128 + 40 → key 57", () => {
    expect(97 * 18979063128 + 40).toBe(1840969123456);
    expect(nirKey("1840969123456")).toBe(57);
    expect(checkNir("184096912345657").ok).toBe(true);
  });
  it("accepts a NIR with its key, with spaces, and agreeing with the birth date", () => {
    const nir = withKey("1840969123456");
    const spaced = `${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}`;
    expect(checkNir(spaced, "1984-09-02")).toEqual({ ok: true, nir });
  });
  it("refuses a wrong key", () => {
    const nir = withKey("1840969123456");
    const wrong = nir.slice(0, 13) + String((Number(nir.slice(13)) % 97) + 1).padStart(2, "0");
    const r = checkNir(wrong);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^La clé/);
  });
  it("Corsica: 2A counts as 19, 2B as 18", () => {
    // 1 840 919 123 456 = 97 × 18 978 547 664 + 48 → 49; 1 840 918 123 456 = 97 × 18 978 537 355 + 21 → 76.
    expect(97 * 18978547664 + 48).toBe(1840919123456);
    expect(97 * 18978537355 + 21).toBe(1840918123456);
    expect(nirKey("184092A123456")).toBe(49);
    expect(nirKey("184092B123456")).toBe(76);
    expect(checkNir(withKey("184092A123456")).ok).toBe(true);
    expect(checkNir(withKey("184092B123456")).ok).toBe(true);
  });
  it("refuses a bad format, a bad month, a year or month that disagrees with the birth date", () => {
    expect(checkNir("12345").ok).toBe(false);
    expect(checkNir(withKey("3840969123456")).ok).toBe(false); // sex 3
    expect(checkNir(withKey("1841369123456")).ok).toBe(false); // month 13
    expect(checkNir(withKey("1840969123456"), "1985-09-02")).toMatchObject({ ok: false });
    expect(checkNir(withKey("1840969123456"), "1984-10-02")).toMatchObject({ ok: false });
    expect(checkNir(withKey("1842069123456"), "1984-10-02").ok).toBe(true); // month unknown (20): not compared
  });
});

describe("SEPA", () => {
  it("a French ICS: FR72ZZZ123456 is valid (98 − 123456152700 mod 97 = 72), its digits tampered are not", () => {
    expect(isValidIcs("FR72ZZZ123456")).toBe(true);
    expect(isValidIcs("FR 72 ZZZ 123456")).toBe(true);
    expect(isValidIcs("FR73ZZZ123456")).toBe(false);
    expect(isValidIcs("FR72ZZZ123457")).toBe(false);
    expect(isValidIcs("DE72ZZZ123456")).toBe(false);
  });
  it("a RUM: at most 35 SEPA characters, unique enough", () => {
    const rums = new Set(Array.from({ length: 200 }, () => newRum(2027)));
    expect(rums.size).toBe(200);
    for (const rum of rums) {
      expect(rum).toMatch(rumPattern);
      expect(rum.startsWith("RUM-2027-")).toBe(true);
    }
  });
});
