import { describe, expect, it } from "vitest";
import { announcementsDue, documentsToAnnounce } from "./announce.ts";

const open = { coverageStart: "2020-03-01", coverageEnd: null };

describe("documents to announce", () => {
  it("announces next year's card during the week from the brand's day, and only then", () => {
    expect(documentsToAnnounce(open, "2027-12-14", "12-15")).toEqual([]);
    expect(documentsToAnnounce(open, "2027-12-15", "12-15")).toEqual([
      {
        key: "carte-tiers-payant-2028",
        title: "Votre carte de tiers payant 2028",
        url: "/documents/carte-tiers-payant/2028",
      },
    ]);
    expect(documentsToAnnounce(open, "2027-12-21", "12-15").map((d) => d.key)).toEqual(["carte-tiers-payant-2028"]);
    expect(documentsToAnnounce(open, "2027-12-22", "12-15")).toEqual([]);
    expect(documentsToAnnounce(open, "2027-11-02", "11-01").map((d) => d.key)).toEqual(["carte-tiers-payant-2028"]);
  });
  it("announces last year's attestation de cotisations in the first week of January", () => {
    expect(documentsToAnnounce(open, "2028-01-01").map((d) => d.key)).toEqual(["attestation-cotisations-2027"]);
    expect(documentsToAnnounce(open, "2028-01-07").map((d) => d.key)).toEqual(["attestation-cotisations-2027"]);
    expect(documentsToAnnounce(open, "2028-01-08")).toEqual([]);
  });
  it("announces nothing a contract does not give", () => {
    const ending = { coverageStart: "2020-03-01", coverageEnd: "2027-12-31" };
    expect(documentsToAnnounce(ending, "2027-12-16")).toEqual([]);
    const started = { coverageStart: "2028-01-01", coverageEnd: null };
    expect(documentsToAnnounce(started, "2028-01-02")).toEqual([]);
    expect(announcementsDue("2027-06-10")).toBe(false);
    expect(announcementsDue("2028-01-03")).toBe(true);
  });
});
