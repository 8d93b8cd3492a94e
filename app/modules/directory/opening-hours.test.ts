// Opening hours in Paris time, at instants a pinned clock gives: around midnight and on both DST changes.
import { describe, expect, it } from "vitest";
import { pinnedClock } from "../clock/index.ts";
import {
  agencyStatus,
  describeDay,
  isOpenAt,
  isValidInterval,
  parisWallTime,
  type WeeklySchedule,
} from "./opening-hours.ts";

const office: WeeklySchedule = {
  lundi: ["09:00-12:30", "13:30-17:30"],
  mardi: ["09:00-12:30", "13:30-17:30"],
  samedi: ["09:00-12:00"],
  dimanche: ["22:00-02:00"], // a night service, running past midnight into Monday
};
/** The clock's instant, as a route would read it (clock.now()), pinned at a UTC time. */
const at = (iso: string) => pinnedClock(new Date(iso), () => 0).now();

describe("parisWallTime", () => {
  it("reads the Paris weekday and minute, in winter (UTC+1) and in summer (UTC+2)", () => {
    // Monday 2027-01-04 08:59 UTC is 09:59 in Paris.
    expect(parisWallTime(at("2027-01-04T08:59:00Z"))).toEqual({ day: 0, minute: 9 * 60 + 59 });
    // Monday 2027-07-05 07:30 UTC is 09:30 in Paris.
    expect(parisWallTime(at("2027-07-05T07:30:00Z"))).toEqual({ day: 0, minute: 9 * 60 + 30 });
  });
  it("is already the next day just after midnight in Paris while UTC is still the day before", () => {
    // Sunday 2027-01-03 23:30 UTC is Monday 00:30 in Paris.
    expect(parisWallTime(at("2027-01-03T23:30:00Z"))).toEqual({ day: 0, minute: 30 });
  });
});

describe("isOpenAt", () => {
  it("opens at the start minute and closes at the end minute", () => {
    expect(isOpenAt(office, at("2027-01-04T07:59:00Z"))).toBe(false); // 08:59 Paris
    expect(isOpenAt(office, at("2027-01-04T08:00:00Z"))).toBe(true); // 09:00
    expect(isOpenAt(office, at("2027-01-04T11:29:00Z"))).toBe(true); // 12:29
    expect(isOpenAt(office, at("2027-01-04T11:30:00Z"))).toBe(false); // 12:30, lunch
    expect(isOpenAt(office, at("2027-01-04T16:30:00Z"))).toBe(false); // 17:30
  });
  it("is closed on a day without hours", () => {
    expect(isOpenAt(office, at("2027-01-06T10:00:00Z"))).toBe(false); // Wednesday
  });
  it("keeps a night interval open past midnight, into the next Paris day only", () => {
    expect(isOpenAt(office, at("2027-01-03T20:59:00Z"))).toBe(false); // Sunday 21:59
    expect(isOpenAt(office, at("2027-01-03T21:00:00Z"))).toBe(true); // Sunday 22:00
    expect(isOpenAt(office, at("2027-01-03T22:59:00Z"))).toBe(true); // Sunday 23:59
    expect(isOpenAt(office, at("2027-01-03T23:01:00Z"))).toBe(true); // Monday 00:01
    expect(isOpenAt(office, at("2027-01-04T00:59:00Z"))).toBe(true); // Monday 01:59
    expect(isOpenAt(office, at("2027-01-04T01:00:00Z"))).toBe(false); // Monday 02:00
  });
  it("follows the change to summer time (28 March 2027, 02:00 → 03:00 in Paris)", () => {
    const earlySunday: WeeklySchedule = { dimanche: ["03:00-04:00"], lundi: ["09:00-10:00"] };
    // 00:59 UTC is 01:59 winter time: closed; 01:00 UTC is already 03:00 summer time: open.
    expect(isOpenAt(earlySunday, at("2027-03-28T00:59:00Z"))).toBe(false);
    expect(isOpenAt(earlySunday, at("2027-03-28T01:00:00Z"))).toBe(true);
    // The Monday after: 07:00 UTC is 09:00 in Paris (UTC+2).
    expect(isOpenAt(earlySunday, at("2027-03-29T07:00:00Z"))).toBe(true);
    expect(isOpenAt(earlySunday, at("2027-03-29T06:59:00Z"))).toBe(false);
  });
  it("follows the change to winter time (31 October 2027, 03:00 → 02:00 in Paris)", () => {
    const monday: WeeklySchedule = { lundi: ["09:00-10:00"] };
    // The Monday after: 08:00 UTC is 09:00 in Paris (UTC+1), 07:30 UTC is 08:30.
    expect(isOpenAt(monday, at("2027-11-01T08:00:00Z"))).toBe(true);
    expect(isOpenAt(monday, at("2027-11-01T07:30:00Z"))).toBe(false);
  });
});

describe("agencyStatus and describeDay", () => {
  it("says today's hours in French and whether it is open", () => {
    expect(agencyStatus(office, at("2027-01-04T10:00:00Z"))).toEqual({
      today: "lundi",
      todayHours: "9 h – 12 h 30 et 13 h 30 – 17 h 30",
      open: true,
    });
    expect(agencyStatus(office, at("2027-01-06T10:00:00Z"))).toEqual({
      today: "mercredi",
      todayHours: "fermé",
      open: false,
    });
    expect(describeDay(["08:00-24:00"])).toBe("8 h – minuit");
  });
  it("validates intervals", () => {
    expect(isValidInterval("09:00-12:30")).toBe(true);
    expect(isValidInterval("22:00-02:00")).toBe(true);
    expect(isValidInterval("08:00-24:00")).toBe(true);
    expect(isValidInterval("9:00-12:30")).toBe(false);
    expect(isValidInterval("09:00-24:30")).toBe(false);
    expect(isValidInterval("10:00-10:00")).toBe(false);
  });
});
