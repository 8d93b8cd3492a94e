// Who may open each route of app/routes.ts, written down independently of the guards, and the helpers that
// try it: the other household's ids to use as addresses, and which pages a set of scopes opens.
import { readFileSync } from "node:fs";
import { and, eq, ne } from "drizzle-orm";
import { type Scope } from "../../app/modules/accounts/scopes.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { messageThread } from "../../app/modules/messaging/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { demo } from "./http-client.ts";
import { test as withPeople } from "./fixtures.ts";

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
export const isMemberPage = (access: Access) =>
  access === "member" || (typeof access === "object" && "scope" in access);
export const isAdvisorPage = (access: Access): access is { advisor: "all" | "managers" | "administrateur" } =>
  typeof access === "object" && "advisor" in access;
const admin = { advisor: "administrateur" } as const;

export const matrix: Record<string, Access> = {
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
export function declaredRoutes(): string[] {
  const source = readFileSync("app/routes.ts", "utf8");
  const paths = [...source.matchAll(/\broute\("([^"]*)"/g)].map((m) => `/${m[1]}`);
  if (/\bindex\(/.test(source)) paths.push("/");
  return paths;
}

/** Ids of the second household's objects, to try them as the first household's member. */
export interface OtherHousehold {
  line: string;
  request: string;
  thread: string;
  person: string;
}
export const test = withPeople.extend("claire", { scope: "file" }, async ({ server }): Promise<OtherHousehold> => {
  const db = server.services.db;
  const [home] = await db
    .select({ id: household.id })
    .from(household)
    .where(eq(household.memberNumber, demo.claire.number));
  const householdId = home!.id;
  // The first of each, or "" when the demo has none (the address then takes an id that matches nothing).
  const firstId = async (rows: Promise<{ id: string }[]>) => (await rows)[0]?.id ?? "";
  const claire: OtherHousehold = {
    line: await firstId(
      db
        .select({ id: reimbursementLine.id })
        .from(reimbursementLine)
        .where(eq(reimbursementLine.householdId, householdId))
        .limit(1),
    ),
    request: await firstId(
      db
        .select({ id: memberRequest.id })
        .from(memberRequest)
        .where(eq(memberRequest.householdId, householdId))
        .limit(1),
    ),
    thread: await firstId(
      db
        .select({ id: messageThread.id })
        .from(messageThread)
        .where(eq(messageThread.householdId, householdId))
        .limit(1),
    ),
    person: await firstId(
      db
        .select({ id: person.id })
        .from(person)
        .where(and(eq(person.householdId, householdId), ne(person.role, "member")))
        .limit(1),
    ),
  };
  return claire;
});

/** An address for a pattern: ids of the other household where it takes one, harmless values elsewhere. */
export function addressOf(claire: OtherHousehold, pattern: string): string {
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

export const isSignIn = (res: Response) =>
  res.status === 302 && /^\/connexion(\?|$)/.test(res.headers.get("location") ?? "");

// Let through: the page answers, refuses a missing parameter (400), or asks for a fresh identity check first
// (a RIB's form, as for the holder).
export const passesGuard = (res: Response) =>
  res.status === 200 ||
  res.status === 400 ||
  (res.status === 302 && (res.headers.get("location") ?? "").startsWith("/mon-compte/verification?"));

/** Pages a viewer with these scopes must open (200) and must not (404), by the matrix alone. */
export function expectedFor(scopes: readonly Scope[]) {
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
