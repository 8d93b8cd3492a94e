// Every route in app/routes.ts, as an anonymous visitor, as a member, as another household and as each advisor
// role: the answer each must get, from the matrix in tests/support/access-matrix.ts. A route added without a
// line there fails the first test, so none ships unguarded.
import { describe, expect } from "../support/fixtures.ts";
import {
  addressOf,
  declaredRoutes,
  isAdvisorPage,
  isMemberPage,
  isSignIn,
  matrix,
  test,
} from "../support/access-matrix.ts";

describe("access matrix", () => {
  test("has a line for every route of app/routes.ts, and none for a route that is gone", () => {
    const declared = declaredRoutes();
    expect(declared.filter((p) => !(p in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((p) => !declared.includes(p))).toEqual([]);
  });

  test("sends a visitor to the sign-in page from every page that is not public", async ({ server, claire }) => {
    const wrong: string[] = [];
    for (const [pattern, access] of Object.entries(matrix)) {
      if (access === "public") continue;
      const res = await fetch(server.baseUrl + addressOf(claire, pattern), { redirect: "manual" });
      if (!isSignIn(res)) wrong.push(`${pattern}: ${res.status} ${res.headers.get("location") ?? ""}`);
    }
    expect(wrong).toEqual([]);
  });

  test("answers 404 to a member on every back-office page", async ({ member, claire }) => {
    const wrong: string[] = [];
    for (const [pattern, access] of Object.entries(matrix)) {
      if (!isAdvisorPage(access)) continue;
      const res = await member.get(addressOf(claire, pattern));
      if (res.status !== 404) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  test("answers 404 to an advisor on every member page, and on pages of a role above theirs", async ({
    advisor,
    claire,
  }) => {
    const wrong: string[] = [];
    for (const [pattern, access] of Object.entries(matrix)) {
      const forbidden = isMemberPage(access) || (isAdvisorPage(access) && access.advisor === "administrateur");
      if (!forbidden) continue;
      const res = await advisor.get(addressOf(claire, pattern));
      if (res.status !== 404) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  test("never shows a member the other household's lines, démarches, threads or people", async ({ member, claire }) => {
    const owned = {
      "/remboursements/:id": claire.line,
      "/demandes/:id": claire.request,
      "/messagerie/:id": claire.thread,
      "/ma-mutuelle/beneficiaires/:personId/retirer": claire.person,
    };
    // The demo's second household has lines and people at least: the test must try real ids, not only unknown ones.
    expect(Object.values(owned).filter(Boolean).length).toBeGreaterThanOrEqual(2);
    const wrong: string[] = [];
    for (const pattern of Object.keys(owned).filter((p) => owned[p as keyof typeof owned])) {
      const res = await member.get(addressOf(claire, pattern));
      if (res.status !== 404) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  test("opens every administration page to an administrateur", async ({ administrator, claire }) => {
    const wrong: string[] = [];
    for (const [pattern, access] of Object.entries(matrix)) {
      if (!isAdvisorPage(access) || pattern.includes(":")) continue;
      const res = await administrator.get(addressOf(claire, pattern));
      if (res.status !== 200) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
