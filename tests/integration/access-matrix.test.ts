// Every route in app/routes.ts, as an anonymous visitor, as a member, as another household and as each advisor
// role: the answer each must get. A route added without a line here fails this test, so none ships unguarded.
import { readFileSync } from "node:fs";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { household, person } from "../../app/modules/households/schema.ts";
import { messageThread } from "../../app/modules/messaging/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { demo, TestClient } from "../support/http-client.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

/** Who may open a route: its guard's promise, written down independently of the code. */
type Access =
  | "public" // anyone, signed in or not
  | "signed-in" // any signed-in person (member or advisor): their own sign-in security
  | "member" // members only; advisors get 404, visitors go to /connexion
  | { advisor: "all" | "managers" | "administrateur" }; // advisors with that permission; members get 404

const all = { advisor: "all" } as const;
const admin = { advisor: "administrateur" } as const;

const matrix: Record<string, Access> = {
  "/connexion": "public",
  "/connexion/code": "public",
  "/deconnexion": "public",
  "/session/prolonger": "public", // like /deconnexion: a GET goes home; its POST answers 401 without a session
  "/mot-de-passe-oublie": "public",
  "/mot-de-passe-oublie/nouveau": "public",
  "/api/v1/decomptes": "public", // the core system's bearer token, checked by the route itself
  "/ma-mutuelle/garanties.pdf": "member",
  "/documents/carte-tiers-payant/:year/pdf": "member",
  "/documents/attestation-de-droits/pdf": "member",
  "/documents/echeancier/:year/pdf": "member",
  "/documents/attestation-cotisations/:year/pdf": "member",
  "/documents/notices/:file": "member",
  "/demandes/:id/fichiers/:fileId": "member",
  "/back-office/demandes/:id/fichiers/:fileId": all,
  "/demandes/nouvelle/fichiers/:fileId": "member",
  "/messagerie/:id/fichiers/:fileId": "member",
  "/back-office/messagerie/:id/fichiers/:fileId": all,
  "/remboursements/releve.pdf": "member",
  "/remboursements/export.csv": "member",
  "/": "member",
  "/aide-contact": "public",
  "/accessibilite": "public", // the accessibility statement and how to report a problem
  "/plan-du-site": "public", // the site map (RGAA 12.1), linked from every footer
  "/glossaire": "public", // the words of health insurance, linked in context
  "/actualites": "member",
  "/ma-mutuelle": "member",
  "/documents": "member",
  "/demandes": "member",
  "/demandes/nouvelle": "member",
  "/demandes/:id": "member",
  "/devis/nouveau": "member",
  "/mon-compte": "member",
  "/mon-compte/verification": "signed-in",
  "/mon-compte/double-authentification": "signed-in",
  "/mon-compte/mot-de-passe": "signed-in",
  "/mon-compte/email": "member",
  "/mon-compte/confirmer-email": "public", // the link in the mail carries its own single-use token
  "/documents/carte-tiers-payant/:year": "member",
  "/ma-mutuelle/garanties": "member",
  "/ma-mutuelle/beneficiaires": "member",
  "/ma-mutuelle/beneficiaires/ajouter": "member",
  "/ma-mutuelle/beneficiaires/:personId/retirer": "member",
  "/ma-mutuelle/coordonnees-bancaires": "member",
  "/ma-mutuelle/coordonnees-bancaires/saisir": "member",
  "/ma-mutuelle/coordonnees-bancaires/annuler": "public", // the alert mail's cancel link carries its own token
  "/remboursements": "member",
  "/remboursements/synthese": "member",
  "/remboursements/releve": "member",
  "/remboursements/:id": "member",
  "/messagerie": "member",
  "/messagerie/nouveau": "member",
  "/messagerie/:id": "member",
  "/back-office": all,
  "/back-office/demandes": all,
  "/back-office/demandes/:id": all,
  "/back-office/rib/nouveau": all,
  "/back-office/administration/conseillers": admin,
  "/back-office/administration/actualites": admin,
  "/back-office/administration/garanties": admin,
  "/back-office/administration/categories": admin,
  "/back-office/messagerie": all,
  "/back-office/messagerie/nouveau": all,
  "/back-office/messagerie/:id": all,
  "/back-office/adherents": all,
  "/back-office/adherents/:memberNumber": all,
  "/*": "public", // the French 404 page
};

/** The route patterns app/routes.ts declares, read from its source as written. */
function declaredRoutes(): string[] {
  const source = readFileSync("app/routes.ts", "utf8");
  const paths = [...source.matchAll(/\broute\("([^"]*)"/g)].map((m) => `/${m[1]}`);
  if (/\bindex\(/.test(source)) paths.push("/");
  return paths;
}

let server: TestServer;
const clients: Record<"member" | "conseiller" | "administrateur", TestClient> = {} as never;
/** Ids of the second household's objects, to try them as the first household's member. */
const claire = { line: "", request: "", thread: "", person: "" };

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  const [home] = await db
    .select({ id: household.id })
    .from(household)
    .where(eq(household.memberNumber, demo.claire.number));
  const householdId = home!.id;
  claire.line =
    (
      await db
        .select({ id: reimbursementLine.id })
        .from(reimbursementLine)
        .where(eq(reimbursementLine.householdId, householdId))
        .limit(1)
    )[0]?.id ?? "";
  claire.request =
    (
      await db
        .select({ id: memberRequest.id })
        .from(memberRequest)
        .where(eq(memberRequest.householdId, householdId))
        .limit(1)
    )[0]?.id ?? "";
  claire.thread =
    (
      await db
        .select({ id: messageThread.id })
        .from(messageThread)
        .where(eq(messageThread.householdId, householdId))
        .limit(1)
    )[0]?.id ?? "";
  claire.person =
    (
      await db
        .select({ id: person.id })
        .from(person)
        .where(and(eq(person.householdId, householdId), ne(person.role, "member")))
        .limit(1)
    )[0]?.id ?? "";

  clients.member = new TestClient(server.baseUrl);
  expect((await clients.member.signIn(demo.benoit.number, demo.benoit.password)).status).toBe(302);
  clients.conseiller = new TestClient(server.baseUrl);
  await signInAdvisor(clients.conseiller, server.dataDir, demo.advisor);
  clients.administrateur = new TestClient(server.baseUrl);
  await signInAdvisor(clients.administrateur, server.dataDir, demo.administrator);
}, 120_000);
afterAll(() => server.close());

/** An address for a pattern: ids of the other household where it takes one, harmless values elsewhere. */
function addressOf(pattern: string): string {
  const unknown = "00000000-0000-4000-8000-000000000000";
  return pattern
    .replace("/*", "/une-page-qui-n-existe-pas")
    .replace(":year", "2026")
    .replace(":file", "notice.pdf")
    .replace(":memberNumber", demo.claire.number)
    .replace(":personId", claire.person || unknown)
    .replace(/^\/remboursements\/:id/, `/remboursements/${claire.line || unknown}`)
    .replace(/^\/demandes\/:id/, `/demandes/${claire.request || unknown}`)
    .replace(/^\/messagerie\/:id/, `/messagerie/${claire.thread || unknown}`)
    .replace(":id", unknown)
    .replace(":fileId", unknown);
}

const isSignIn = (res: Response) => res.status === 302 && /^\/connexion(\?|$)/.test(res.headers.get("location") ?? "");

describe("access matrix", () => {
  it("has a line for every route of app/routes.ts, and none for a route that is gone", () => {
    const declared = declaredRoutes();
    expect(declared.filter((p) => !(p in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((p) => !declared.includes(p))).toEqual([]);
  });

  it("sends a visitor to the sign-in page from every page that is not public", async () => {
    const wrong: string[] = [];
    for (const [pattern, access] of Object.entries(matrix)) {
      if (access === "public") continue;
      const res = await fetch(server.baseUrl + addressOf(pattern), { redirect: "manual" });
      if (!isSignIn(res)) wrong.push(`${pattern}: ${res.status} ${res.headers.get("location") ?? ""}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers 404 to a member on every back-office page", async () => {
    const wrong: string[] = [];
    for (const [pattern, access] of Object.entries(matrix)) {
      if (typeof access !== "object") continue;
      const res = await clients.member.get(addressOf(pattern));
      if (res.status !== 404) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers 404 to an advisor on every member page, and on pages of a role above theirs", async () => {
    const wrong: string[] = [];
    for (const [pattern, access] of Object.entries(matrix)) {
      const forbidden = access === "member" || (typeof access === "object" && access.advisor === "administrateur");
      if (!forbidden) continue;
      const res = await clients.conseiller.get(addressOf(pattern));
      if (res.status !== 404) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("never shows a member the other household's lines, démarches, threads or people", async () => {
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
      const res = await clients.member.get(addressOf(pattern));
      if (res.status !== 404) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("opens every administration page to an administrateur", async () => {
    const wrong: string[] = [];
    for (const [pattern, access] of Object.entries(matrix)) {
      if (typeof access !== "object" || pattern.includes(":")) continue;
      const res = await clients.administrateur.get(addressOf(pattern));
      if (res.status !== 200) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
