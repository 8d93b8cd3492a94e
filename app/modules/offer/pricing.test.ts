// Hand-computed prices on the fixture tariff (test-fixtures.ts): every figure below was worked out on paper.
import { describe, expect, it } from "vitest";
import { departementOf } from "./departement.ts";
import type { Insured, LevelTariff } from "./model.ts";
import { levelChangeEffectiveDate, priceHousehold, PricingError, pricingAge } from "./pricing.ts";
import { fixtureTariff as tariff, fixtureVersion } from "./test-fixtures.ts";

const sub = (birthDate: string): Insured => ({ role: "subscriber", birthDate });
const spouse = (birthDate: string): Insured => ({ role: "spouse", birthDate });
const child = (birthDate: string): Insured => ({ role: "child", birthDate });
const other = (birthDate: string): Insured => ({ role: "other", birthDate });
const price = (people: Insured[], postalCode = "69001", date = "2026-06-15") =>
  priceHousehold(tariff, { postalCode, date, people });

describe("département of a postcode", () => {
  it.each([
    ["75011", "75"],
    ["01000", "01"],
    ["20000", "2A"],
    ["20199", "2A"],
    ["20200", "2B"],
    ["20620", "2B"],
    ["97400", "974"],
    ["97100", "971"],
    ["95000", "95"],
  ])("%s → %s", (postcode, dep) => {
    expect(departementOf(postcode)).toBe(dep);
  });
  it.each(["00100", "96000", "97500", "98000", "7501", "750011", "ABCDE"])("%s → none", (postcode) => {
    expect(departementOf(postcode)).toBeNull();
  });
});

describe("age bands (âge atteint dans l'année in 2026)", () => {
  it("born 2009: 17 in 2026, last year of the 0-17 band, zone B → 15,00 €", () => {
    expect(price([sub("2009-12-31")]).monthlyCents).toBe(1500 - 150); // young discount 10 % too
  });
  it("born 2008: 18 in 2026, even before the birthday (December) → 18-25 band, 25,00 € − 10 % = 22,50 €", () => {
    const p = price([sub("2008-12-31")]);
    expect(p.people[0]!.age).toBe(18);
    expect(p.monthlyCents).toBe(2250);
  });
  it("born 2001: 25 in 2026, still young → 25,00 € − 2,50 € = 22,50 €", () => {
    expect(price([sub("2001-01-01")]).monthlyCents).toBe(2250);
  });
  it("born 2000: 26 in 2026 → 26-59 band, no young discount: 40,00 €", () => {
    expect(price([sub("2000-06-30")]).monthlyCents).toBe(4000);
  });
  it("born 1967: 59 in 2026 → 40,00 €", () => {
    expect(price([sub("1967-12-31")]).monthlyCents).toBe(4000);
  });
  it("born 1966: 60 in 2026, birthday in December still ahead → 80,00 €", () => {
    expect(price([sub("1966-12-31")]).monthlyCents).toBe(8000);
  });
  it("a birthday during the year does not change the price within the year (reachedInYear)", () => {
    const before = price([sub("1966-09-01")], "69001", "2026-01-01").monthlyCents;
    const after = price([sub("1966-09-01")], "69001", "2026-12-31").monthlyCents;
    expect([before, after]).toEqual([8000, 8000]);
  });
  it("pricingAge reachedInYear: born 29/02/2000, in 2026 → 26", () => {
    expect(pricingAge(fixtureVersion, "2000-02-29", "2026-02-28")).toBe(26);
  });
});

describe("age on the date (2027 version: onDate, prices + 1,00 €)", () => {
  it("the day before the 60th birthday → 26-59 band: 41,00 €", () => {
    expect(price([sub("1967-03-10")], "69001", "2027-03-09").monthlyCents).toBe(4100);
  });
  it("on the 60th birthday → 60+ band: 81,00 €", () => {
    expect(price([sub("1967-03-10")], "69001", "2027-03-10").monthlyCents).toBe(8100);
  });
  it("26th birthday during the year: young discount until the day before, not after", () => {
    // 25 on 2027-05-31: 26,00 € − 2,60 € = 23,40 €; 26 on 2027-06-01: 41,00 €.
    expect(price([sub("2001-06-01")], "69001", "2027-05-31").monthlyCents).toBe(2340);
    expect(price([sub("2001-06-01")], "69001", "2027-06-01").monthlyCents).toBe(4100);
  });
  it("29 February birthday: 60 on 01/03/2027 (no 29/02 that year), not on 28/02", () => {
    expect(price([sub("1967-02-28")], "69001", "2027-02-28").monthlyCents).toBe(8100);
    expect(pricingAge(tariff.versions[1]!, "1964-02-29", "2027-02-28")).toBe(62);
    expect(pricingAge(tariff.versions[1]!, "1968-02-29", "2027-02-28")).toBe(58);
    expect(pricingAge(tariff.versions[1]!, "1968-02-29", "2027-03-01")).toBe(59);
  });
});

describe("zones from the postcode's département", () => {
  it("Paris 75011 → zone A: 50,01 €", () => {
    const p = price([sub("1980-05-05")], "75011");
    expect(p.zone.id).toBe("A");
    expect(p.monthlyCents).toBe(5001);
  });
  it("Ajaccio 20000 (2A) → zone A", () => {
    expect(price([sub("1980-05-05")], "20000").zone.id).toBe("A");
  });
  it("Bastia 20200 (2B), not listed → default zone B", () => {
    expect(price([sub("1980-05-05")], "20200").zone.id).toBe("B");
  });
  it("La Réunion 97400 (974) → zone A", () => {
    expect(price([sub("1980-05-05")], "97400").departement).toBe("974");
  });
  it("an unknown postcode is refused", () => {
    expect(() => price([sub("1980-05-05")], "00000")).toThrow(PricingError);
  });
});

describe("discounts and rounding", () => {
  it("couple in zone A: subscriber 50,01 €, spouse 50,01 € − 5 % (2,5005 → 2,50 €) = 47,51 € → 97,52 €", () => {
    const p = price([sub("1980-01-01"), spouse("1982-01-01")], "75001");
    expect(p.people.map((x) => x.monthlyCents)).toEqual([5001, 4751]);
    expect(p.monthlyCents).toBe(9752);
  });
  it("young spouse: 10 % + 5 % = 15 % of 30,00 € (zone A) = 4,50 € → 25,50 €", () => {
    const p = price([sub("1990-01-01"), spouse("2004-01-01")], "75001");
    expect(p.people[1]!.discountCents).toBe(450);
    expect(p.monthlyCents).toBe(5001 + 2550);
  });
  it("young subscriber zone A: 30,00 € − 3,00 € = 27,00 €", () => {
    expect(price([sub("2005-03-03")], "75001").monthlyCents).toBe(2700);
  });
  it("no couple discount without a spouse (an 'other' adult)", () => {
    expect(price([sub("1980-01-01"), other("1950-01-01")]).monthlyCents).toBe(4000 + 8000);
  });
  it("no young discount for a child, nor for an 'other' person", () => {
    expect(price([sub("1980-01-01"), child("2006-01-01"), other("2003-01-01")]).monthlyCents).toBe(4000 + 2500 + 2500);
  });
  it("discounts together never exceed 100 %", () => {
    const generous: LevelTariff = {
      ...tariff,
      versions: [{ ...fixtureVersion, discounts: { young: { maxAge: 30, rateBp: 8000 }, couple: { rateBp: 5000 } } }],
    };
    const p = priceHousehold(generous, {
      postalCode: "69001",
      date: "2026-06-01",
      people: [sub("1980-01-01"), spouse("2000-01-01")],
    });
    expect(p.people[1]!.monthlyCents).toBe(0);
  });
});

describe("free children from the third", () => {
  it("two children: both paid, 15,00 € each", () => {
    expect(price([sub("1980-01-01"), child("2015-01-01"), child("2018-01-01")]).monthlyCents).toBe(4000 + 3000);
  });
  it("three children of the same band: the youngest is free", () => {
    const p = price([sub("1980-01-01"), child("2015-01-01"), child("2018-01-01"), child("2020-01-01")]);
    expect(p.people.map((x) => x.free)).toEqual([false, false, false, true]);
    expect(p.monthlyCents).toBe(4000 + 3000);
  });
  it("four children: the two cheapest are free, whatever the order typed", () => {
    const p = price([
      sub("1980-01-01"),
      child("2020-01-01"),
      child("2004-01-01"), // 22: 25,00 €
      child("2016-01-01"),
      child("2012-01-01"),
    ]);
    // Paid: the 22-year-old (25,00 €) and the eldest of the 0-17 band (2012); free: 2016 and 2020.
    expect(p.people.filter((x) => x.free).map((x) => x.index)).toEqual([1, 3]);
    expect(p.monthlyCents).toBe(4000 + 2500 + 1500);
  });
  it("a spouse is not counted as a child", () => {
    const p = price([sub("1980-01-01"), spouse("1981-01-01"), child("2015-01-01"), child("2016-01-01")]);
    expect(p.monthlyCents).toBe(4000 + 3800 + 1500 + 1500);
  });
  it("family of five in zone A: 50,01 + 47,51 + 20,00 + 20,00 + 0 = 137,52 €", () => {
    const p = price(
      [sub("1980-01-01"), spouse("1981-01-01"), child("2012-01-01"), child("2014-01-01"), child("2019-01-01")],
      "75015",
    );
    expect(p.monthlyCents).toBe(13752);
  });
});

describe("effective dates", () => {
  it("31/12/2026 uses the 2026 version, 01/01/2027 the 2027 one", () => {
    expect(price([sub("1980-01-01")], "69001", "2026-12-31").monthlyCents).toBe(4000);
    expect(price([sub("1980-01-01")], "69001", "2027-01-01").monthlyCents).toBe(4100);
  });
  it("before the first version: refused", () => {
    expect(() => price([sub("1980-01-01")], "69001", "2025-12-31")).toThrow(/Pas de tarif Test/);
  });
  it("a household without one subscriber is refused", () => {
    expect(() => price([spouse("1980-01-01")])).toThrow(/exactement un adhérent/);
    expect(() => price([sub("1980-01-01"), spouse("1980-01-01"), spouse("1981-01-01")])).toThrow(/seul conjoint/);
  });
  it("a person born after the pricing date is refused", () => {
    expect(() => price([sub("1980-01-01"), child("2026-07-01")], "69001", "2026-06-15")).toThrow(PricingError);
  });
  it("level change: first of next month", () => {
    expect(levelChangeEffectiveDate(tariff, "2026-06-15", "2020-01-01")).toBe("2026-07-01");
    expect(levelChangeEffectiveDate(tariff, "2026-12-31", "2020-01-01")).toBe("2027-01-01");
    expect(levelChangeEffectiveDate(tariff, "2026-06-01", "2020-01-01")).toBe("2026-07-01");
  });
  it("level change: 12 months covered first, then the first of a month", () => {
    const strict = { ...tariff, change: { effective: "firstOfNextMonth" as const, minimumMonthsCovered: 12 } };
    expect(levelChangeEffectiveDate(strict, "2026-06-15", "2026-01-01")).toBe("2027-01-01");
    expect(levelChangeEffectiveDate(strict, "2026-06-15", "2025-09-10")).toBe("2026-10-01");
    expect(levelChangeEffectiveDate(strict, "2026-06-15", "2025-01-01")).toBe("2026-07-01");
  });
  it("level change on 1 January next", () => {
    const yearly = { ...tariff, change: { effective: "firstOfNextYear" as const, minimumMonthsCovered: 12 } };
    expect(levelChangeEffectiveDate(yearly, "2026-06-15", "2020-01-01")).toBe("2027-01-01");
    expect(levelChangeEffectiveDate(yearly, "2026-06-15", "2026-03-01")).toBe("2028-01-01");
  });
});
