import { describe, expect, it } from "vitest";
import { groupAdvisorAccesses, type AdvisorAccessRow } from "./access-groups.ts";

const row = (iso: string, advisorKey: string, what: string): AdvisorAccessRow => ({
  at: new Date(iso),
  advisorKey,
  advisorName: advisorKey === "a" ? "Camille Conseil" : "Paul Gestion",
  what,
});

describe("groupAdvisorAccesses", () => {
  it("makes one row of an advisor's day, with the pages seen once each, first seen first", () => {
    const rows = [
      row("2026-03-10T09:02:00Z", "a", "vos remboursements"),
      row("2026-03-10T09:01:00Z", "a", "le résumé de votre dossier"),
      row("2026-03-10T09:00:30Z", "b", "le résumé de votre dossier"),
      row("2026-03-10T09:00:00Z", "a", "le résumé de votre dossier"),
      row("2026-03-09T22:30:00Z", "a", "vos bénéficiaires"), // 23:30 in Paris: the day before
    ];
    const groups = groupAdvisorAccesses(rows, 20);
    expect(groups.map((g) => [g.day, g.advisorName, g.count, g.pages])).toEqual([
      ["2026-03-10", "Camille Conseil", 3, ["le résumé de votre dossier", "vos remboursements"]],
      ["2026-03-10", "Paul Gestion", 1, ["le résumé de votre dossier"]],
      ["2026-03-09", "Camille Conseil", 1, ["vos bénéficiaires"]],
    ]);
    expect(groups[0]!.first.toISOString()).toBe("2026-03-10T09:00:00.000Z");
    expect(groups[0]!.last.toISOString()).toBe("2026-03-10T09:02:00.000Z");
  });

  it("keeps the newest groups only", () => {
    const rows = [
      row("2026-03-12T09:00:00Z", "a", "x"),
      row("2026-03-11T09:00:00Z", "a", "y"),
      row("2026-03-10T09:00:00Z", "a", "z"),
    ];
    expect(groupAdvisorAccesses(rows, 2).map((g) => g.day)).toEqual(["2026-03-12", "2026-03-11"]);
  });
});
