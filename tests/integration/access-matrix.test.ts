// Every route in app/routes.ts, as an anonymous visitor, as a member, as another household and as each advisor
// role: the answer each must get. A route added without a line here fails this test, so none ships unguarded.
import { readFileSync } from "node:fs";
import { and, eq, ne } from "drizzle-orm";
import { type Scope, scopesFor } from "../../app/modules/accounts/scopes.ts";
import { carerGrant } from "../../app/modules/carers/schema.ts";
import { user } from "../../app/modules/accounts/schema.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { messageThread } from "../../app/modules/messaging/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { demo, type TestClient } from "../support/http-client.ts";
import { personOf, signInBeneficiary, signInCarer } from "../support/people-access.ts";
import { describe, expect, test as withPeople } from "../support/fixtures.ts";

/** Who may open a route: its guard's promise, written down independently of the code. */
type Access =
  | "public" // anyone, signed in or not
  | "signed-in" // any signed-in person (member or advisor): their own sign-in security
  | "member" // the contract holder only; advisors, beneficiaries and carers get 404, visitors go to /connexion
  | { scope: Scope | "space" } // anyone in a member's space holding that scope (accounts/scopes.ts); others 404
  | { advisor: "all" | "managers" | "administrateur" }; // advisors with that permission; members get 404

const all = { advisor: "all" } as const;
const space = { scope: "space" } as const;
const read = { scope: "read" } as const;
const file = { scope: "file" } as const;
const card = { scope: "card" } as const;
const messages = { scope: "messages" } as const;
const bank = { scope: "bank" } as const;

/** A page of a member's space (the holder's, or open to a scope). */
const isMemberPage = (access: Access) => access === "member" || (typeof access === "object" && "scope" in access);
const isAdvisorPage = (access: Access): access is { advisor: "all" | "managers" | "administrateur" } =>
  typeof access === "object" && "advisor" in access;
const admin = { advisor: "administrateur" } as const;

const matrix: Record<string, Access> = {
  "/connexion": "public",
  "/connexion/code": "public",
  "/connexion/debloquer": "public",
  "/deconnexion": "public",
  "/session/prolonger": "public", // like /deconnexion: a GET goes home; its POST answers 401 without a session
  "/mot-de-passe-oublie": "public",
  "/mot-de-passe-oublie/nouveau": "public",
  "/manifest.webmanifest": "public", // the installable app's manifest, read before signing in
  "/icones/:file": "public", // its icons, drawn from the brand logo
  "/activer-mon-espace": "public", // a beneficiary asks for their own access, or activates it with the link's token
  "/activer-mon-adhesion": "public", // a new member chooses their first password with the welcome e-mail's token
  "/aidant/accepter": "public", // the carer's invitation link carries its own single-use token
  "/api/v1/decomptes": "public", // the core system's bearer token, checked by the route itself
  "/ma-mutuelle/garanties.pdf": "member",
  "/documents/carte-tiers-payant/:year/pdf": card,
  "/documents/attestation-de-droits/pdf": "member",
  "/documents/echeancier/:year/pdf": "member",
  "/documents/attestation-cotisations/:year/pdf": "member",
  "/documents/notices/:file": "member",
  "/demandes/:id/fichiers/:fileId": file,
  "/back-office/demandes/:id/fichiers/:fileId": all,
  "/demandes/nouvelle/fichiers/:fileId": file,
  "/messagerie/:id/fichiers/:fileId": messages,
  "/back-office/messagerie/:id/fichiers/:fileId": all,
  "/remboursements/releve.pdf": read,
  "/remboursements/export.csv": read,
  "/aide/illustrations/:id": "public", // the help articles' images, public as the articles are
  "/professionnels/communes": "public", // suggestions of French communes (public data, no database read)
  "/": space,
  "/aide-contact": "public",
  "/aide": "public", // the help centre: someone who cannot sign in needs it too
  "/aide/:slug": "public",
  "/accessibilite": "public", // the accessibility statement and how to report a problem
  "/mentions-legales": "public", // the legal notice (LCEN art. 6 III)
  "/confidentialite": "public", // the privacy notice (GDPR art. 13 and 14)
  "/plan-du-site": "public", // the site map (RGAA 12.1), linked from every footer
  "/glossaire": "public", // the words of health insurance, linked in context
  "/actualites": "member",
  "/ma-mutuelle": "member",
  "/documents": read, // the holder's every document; a beneficiary's or a carer's, what concerns that person
  "/demandes": file,
  "/demandes/nouvelle": file,
  "/demandes/:id": file,
  "/devis/nouveau": file,
  "/professionnels": "member",
  "/mon-compte": "member",
  "/mon-compte/verification": "signed-in",
  "/mon-compte/double-authentification": "signed-in",
  "/mon-compte/mot-de-passe": "signed-in",
  "/mon-compte/email": "member",
  "/mon-compte/aidants": space, // anyone in a member's space: accesses given, and the spaces one helps in
  "/mon-compte/confirmer-email": "public", // the link in the mail carries its own single-use token
  "/mon-compte/donnees-personnelles": "member",
  "/mon-compte/preferences": "member",
  "/mon-compte/donnees-personnelles/archive/:id": "member",
  "/documents/carte-tiers-payant/:year": card,
  "/documents/attestation-de-droits": "member", // the PDF's accessible equivalent, as the PDF
  "/documents/echeancier/:year": "member",
  "/documents/attestation-cotisations/:year": "member",
  "/ma-mutuelle/garanties": "member",
  "/ma-mutuelle/resiliation": "member",
  "/offre": "public", // a prospect's quote without an account; a member sees their own household priced
  "/offre/changer-de-niveau": "member",
  "/offre/adherer": "public", // a prospect joins without an account
  "/offre/adherer/reprendre": "public", // the e-mailed resume link carries its own single-use token
  "/offre/adherer/mandat.pdf": "public", // the SEPA mandate of the journey this browser holds (404 without one)
  "/back-office/adhesions": { advisor: "managers" }, // the queue "Adhésions" (contracts.decide)
  "/back-office/adhesions/:id": { advisor: "managers" },
  "/back-office/adhesions/:id/fichiers/:fileId": { advisor: "managers" },
  "/back-office/adhesions/:id/resiliation.pdf": { advisor: "managers" }, // the previous contract's résiliation letter
  "/ma-mutuelle/beneficiaires": "member",
  "/ma-mutuelle/beneficiaires/ajouter": "member",
  "/ma-mutuelle/beneficiaires/:personId/retirer": "member",
  "/ma-mutuelle/beneficiaires/:personId/acces": "member",
  "/ma-mutuelle/coordonnees-bancaires": bank, // a beneficiary: their own reimbursement account only
  "/ma-mutuelle/coordonnees-bancaires/saisir": bank,
  "/ma-mutuelle/coordonnees-bancaires/annuler": "public", // the alert mail's cancel link carries its own token
  "/remboursements": read,
  "/remboursements/synthese": read,
  "/remboursements/releve": read,
  "/remboursements/:id": read,
  "/messagerie": messages,
  "/messagerie/nouveau": messages,
  "/messagerie/:id": messages,
  "/back-office": all,
  "/back-office/demandes": all,
  "/back-office/demandes/:id": all,
  "/back-office/rib/nouveau": all,
  "/back-office/adherents/:memberNumber/representant-legal": all, // recorded by any advisor, a gestionnaire decides
  "/back-office/acces-personnels": { advisor: "managers" }, // confirming an own-access request opens a space
  "/back-office/administration/conseillers": admin,
  "/back-office/administration/actualites": admin,
  "/back-office/administration/garanties": admin,
  "/back-office/administration/categories": admin,
  "/back-office/administration/aide": admin,
  "/back-office/administration/aide/illustrations": admin,
  "/back-office/administration/aide/:id": admin,
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

/** Ids of the second household's objects, to try them as the first household's member. */
interface OtherHousehold {
  line: string;
  request: string;
  thread: string;
  person: string;
}
const test = withPeople.extend("claire", { scope: "file" }, async ({ server }): Promise<OtherHousehold> => {
  const db = server.services.db;
  const [home] = await db
    .select({ id: household.id })
    .from(household)
    .where(eq(household.memberNumber, demo.claire.number));
  const householdId = home!.id;
  const claire = { line: "", request: "", thread: "", person: "" };
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
  return claire;
});

/** An address for a pattern: ids of the other household where it takes one, harmless values elsewhere. */
function addressOf(claire: OtherHousehold, pattern: string): string {
  const unknown = "00000000-0000-4000-8000-000000000000";
  return pattern
    .replace("/*", "/une-page-qui-n-existe-pas")
    .replace(":year", "2026")
    .replace(":file", "notice.pdf")
    .replace(":memberNumber", demo.claire.number)
    .replace(":slug", "demander-un-remboursement")
    .replace(":personId", claire.person || unknown)
    .replace(/^\/remboursements\/:id/, `/remboursements/${claire.line || unknown}`)
    .replace(/^\/demandes\/:id/, `/demandes/${claire.request || unknown}`)
    .replace(/^\/messagerie\/:id/, `/messagerie/${claire.thread || unknown}`)
    .replace(":id", unknown)
    .replace(":fileId", unknown);
}

const isSignIn = (res: Response) => res.status === 302 && /^\/connexion(\?|$)/.test(res.headers.get("location") ?? "");

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

// Let through: the page answers, refuses a missing parameter (400), or asks for a fresh identity check first
// (a RIB's form, as for the holder).
const passesGuard = (res: Response) =>
  res.status === 200 ||
  res.status === 400 ||
  (res.status === 302 && (res.headers.get("location") ?? "").startsWith("/mon-compte/verification?"));

/** Pages a viewer with these scopes must open (200) and must not (404), by the matrix alone. */
function expectedFor(scopes: readonly Scope[]) {
  const open: string[] = [];
  const closed: string[] = [];
  for (const [pattern, access] of Object.entries(matrix)) {
    if (access === "member" || isAdvisorPage(access)) closed.push(pattern);
    else if (typeof access === "object" && "scope" in access) {
      if (access.scope === "space" || scopes.includes(access.scope)) open.push(pattern);
      else closed.push(pattern);
    }
  }
  return { open, closed };
}

describe("access matrix: a beneficiary with their own access", () => {
  let sarah: TestClient;
  test.beforeAll(async ({ server }) => {
    sarah = await signInBeneficiary(
      server.services.db,
      server.baseUrl,
      demo.benoit.number,
      "Sarah",
      "sarah@example.com",
    );
  });

  test("answers 404 on every page of the contract holder alone and of a scope a beneficiary lacks", async ({
    claire,
  }) => {
    const { closed } = expectedFor(scopesFor("beneficiary"));
    const wrong: string[] = [];
    for (const pattern of closed) {
      const res = await sarah.get(addressOf(claire, pattern));
      if (res.status !== 404) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  // The guard lets them through: a page answers, or refuses a missing parameter (400), but is not hidden (404),
  // redirected or broken.
  test("opens every page of her scopes", async ({ claire }) => {
    const { open } = expectedFor(scopesFor("beneficiary"));
    const wrong: string[] = [];
    for (const pattern of open.filter((p) => !p.includes(":"))) {
      const res = await sarah.get(addressOf(claire, pattern));
      if (!passesGuard(res)) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  test("never shows her another person's line or démarche, in pages and in the export", async ({ server, member }) => {
    const db = server.services.db;
    const own = await personOf(db, demo.benoit.number, "Sarah");
    const lines = await db
      .select({ id: reimbursementLine.id, beneficiaryId: reimbursementLine.beneficiaryId })
      .from(reimbursementLine)
      .where(eq(reimbursementLine.householdId, own.householdId));
    const others = lines.filter((l) => l.beneficiaryId !== own.id);
    const hers = lines.filter((l) => l.beneficiaryId === own.id);
    expect(others.length).toBeGreaterThan(0);
    expect(hers.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const line of others) {
      const res = await sarah.get(`/remboursements/${line.id}`);
      if (res.status !== 404) wrong.push(`line ${line.id}: ${res.status}`);
    }
    const requests = await db
      .select({ id: memberRequest.id, beneficiaryId: memberRequest.beneficiaryId })
      .from(memberRequest)
      .where(eq(memberRequest.householdId, own.householdId));
    for (const r of requests.filter((request) => request.beneficiaryId !== own.id)) {
      const res = await sarah.get(`/demandes/${r.id}`);
      if (res.status !== 404) wrong.push(`request ${r.id}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect((await sarah.get(`/remboursements/${hers[0]!.id}`)).status).toBe(200);

    // Benoit may be named as the one paid for her care; nobody else's care appears.
    const csv = await (await sarah.get("/remboursements/export.csv")).text();
    const rows = csv.trim().split(/\r?\n/).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain("Sarah");
    for (const name of ["Hélia", "Louise", "Léa"]) expect(csv).not.toContain(name);
    const list = await (await sarah.get("/remboursements")).text();
    for (const name of ["Hélia", "Louise", "Léa"]) expect(list).not.toContain(name);
    // Threads: the holder's are not hers, and hers are not the holder's.
    const [holderThread] = await db
      .select({ id: messageThread.id })
      .from(messageThread)
      .where(eq(messageThread.householdId, own.householdId))
      .limit(1);
    expect(holderThread).toBeDefined();
    expect((await sarah.get(`/messagerie/${holderThread!.id}`)).status).toBe(404);
    const [hersThread] = await db
      .insert(messageThread)
      .values({
        householdId: own.householdId,
        personId: own.id,
        category: "remboursement",
        subject: "Question de Sarah",
        startedBy: "member",
        status: "open",
      })
      .returning({ id: messageThread.id });
    expect((await sarah.get(`/messagerie/${hersThread!.id}`)).status).toBe(200);
    expect((await member.get(`/messagerie/${hersThread!.id}`)).status).toBe(404);
    expect(await (await member.get("/messagerie")).text()).not.toContain("Question de Sarah");
    expect(await (await sarah.get("/messagerie")).text()).toContain("Question de Sarah");
    const home = await (await sarah.get("/")).text();
    for (const name of ["Hélia", "Louise", "Léa"]) expect(home).not.toContain(name);
  });
});

describe("access matrix: carers", () => {
  const endsOn = "2100-01-01";
  for (const scopes of [["read"], ["file"], ["messages"]] as const) {
    test(`gives a carer with "${scopes.join(", ")}" exactly those pages, 404 on every other`, async ({
      server,
      claire,
    }) => {
      const { client } = await signInCarer(server.services.db, server.baseUrl, {
        memberNumber: demo.benoit.number,
        grantorFirstName: "Benoit",
        email: "camille@example.com",
        scopes: [...scopes],
        endsOn,
      });
      const { open, closed } = expectedFor(scopesFor("carer", scopes));
      const wrong: string[] = [];
      for (const pattern of closed) {
        const res = await client.get(addressOf(claire, pattern));
        if (res.status !== 404) wrong.push(`${pattern}: ${res.status}`);
      }
      for (const pattern of open.filter((p) => !p.includes(":"))) {
        const res = await client.get(addressOf(claire, pattern));
        if (!passesGuard(res)) wrong.push(`${pattern}: ${res.status}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  test("ends a carer's session at once when the member revokes, and when the end date has passed", async ({
    server,
    member,
  }) => {
    const db = server.services.db;
    const { client, grantId } = await signInCarer(db, server.baseUrl, {
      memberNumber: demo.benoit.number,
      grantorFirstName: "Benoit",
      email: "camille@example.com",
      scopes: ["read"],
      endsOn,
    });
    expect((await client.get("/remboursements")).status).toBe(200);
    const revoked = await member.post("/mon-compte/aidants", { intent: "revoke", grantId });
    expect(revoked.status).toBe(302);
    expect(isSignIn(await client.get("/remboursements"))).toBe(true);

    const again = await signInCarer(db, server.baseUrl, {
      memberNumber: demo.benoit.number,
      grantorFirstName: "Benoit",
      email: "camille@example.com",
      scopes: ["read"],
      endsOn,
    });
    expect((await again.client.get("/remboursements")).status).toBe(200);
    await db.update(carerGrant).set({ endsOn: "2000-01-01" }).where(eq(carerGrant.id, again.grantId));
    expect(isSignIn(await again.client.get("/remboursements"))).toBe(true);
  });

  test("sends a carer without a second factor to enrol it first", async ({ server }) => {
    const db = server.services.db;
    const { client, carerUserId } = await signInCarer(db, server.baseUrl, {
      memberNumber: demo.benoit.number,
      grantorFirstName: "Benoit",
      email: "camille@example.com",
      scopes: ["read"],
      endsOn,
    });
    await db.update(user).set({ twoFactorEnabled: false }).where(eq(user.id, carerUserId));
    const res = await client.get("/remboursements");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/mon-compte/double-authentification");
  });
});
