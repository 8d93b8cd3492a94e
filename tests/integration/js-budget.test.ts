// The front-end budget (docs/benchmarks.md, scripts/bench/js-budget.ts): every member page loads at most 120 KB
// of gzipped JavaScript on first load. Read from the build that the other integration suites drive, and checked
// against what the real server's pages preload, so the figure is the one a browser gets.
import { referencedAssets } from "../../scripts/bench/frontend-weight.ts";
import {
  budgetBytes,
  firstLoadScripts,
  measureFirstLoads,
  overBudget,
  readRouteManifest,
} from "../../scripts/bench/js-budget.ts";
import { describe, expect, test } from "../support/fixtures.ts";

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

describe("first-load JavaScript budget", () => {
  test("keeps every member page within 120 KB gzipped", () => {
    const loads = measureFirstLoads("build/client");
    const members = loads.filter((l) => l.member);
    // The member space's pages are all there (a filter that matched nothing would pass anything).
    expect(members.map((l) => l.path)).toEqual(
      expect.arrayContaining(["/", "/remboursements", "/professionnels", "/demandes/nouvelle", "/mon-compte"]),
    );
    expect(members.length).toBeGreaterThan(40);
    expect(overBudget(loads).map((l) => `${l.path}: ${kb(l.jsGzip)}`)).toEqual([]);
    expect(Math.max(...members.map((l) => l.jsGzip))).toBeLessThanOrEqual(budgetBytes);
  });

  describe("counts what a signed-in page really preloads", () => {
    test.for([
      ["/", "routes/accueil"],
      ["/remboursements", "routes/remboursements"],
      ["/professionnels", "routes/professionnels"],
      ["/demandes/nouvelle", "routes/demande-nouvelle"],
    ] as const)("%s", async ([path, routeId], { member: benoit }) => {
      const res = await benoit.get(path);
      expect(res.status).toBe(200);
      const { js } = referencedAssets(await res.text());
      expect(js.toSorted()).toEqual(firstLoadScripts(readRouteManifest("build/client"), routeId).toSorted());
    });
  });
});
