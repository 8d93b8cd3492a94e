// The first line of every loader and action. Member data is only ever read through the viewer these return.
import { data, redirect } from "react-router";
import { requestContext, servicesContext } from "./context.ts";
import { hasFreshStepUp } from "./modules/accounts/step-up.server.ts";
import { can, type Permission } from "./modules/back-office/permissions.ts";
import { hasScope, relationOf, type Scope } from "./modules/accounts/scopes.ts";
import type { AdvisorViewer, MemberViewer, Viewer } from "./modules/accounts/viewer.server.ts";

interface GuardArgs {
  request: Request;
  context: { get: <T>(key: import("react-router").RouterContext<T>) => T };
}

export function getViewer({ context }: GuardArgs): Promise<Viewer | null> {
  return context.get(requestContext).viewer();
}

/** The page's own path, also when React Router fetched its data ("/page.data?_routes=…"). */
export function pagePath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_routes");
  return url.pathname.replace(/\.data$/, "") + url.search;
}

function toSignIn(request: Request): never {
  const target = pagePath(request);
  throw redirect(target === "/" ? "/connexion" : `/connexion?redirectTo=${encodeURIComponent(target)}`);
}

/** 404, not 403: a page that is not yours does not exist for you. */
export function notFound(): never {
  throw data({ message: "Page introuvable" }, { status: 404 });
}

/**
 * The contract holder, signed in with their own login. Beneficiaries with their own access and carers get a
 * 404 here: a page opens to them only through `requireScope`, so a route that does not say which scope it
 * serves stays the holder's (every existing and new route is safe by default).
 */
export async function requireMember(args: GuardArgs): Promise<MemberViewer> {
  const viewer = await getViewer(args);
  if (viewer?.kind === "member" && relationOf(viewer) === "holder") return viewer;
  if (viewer) notFound();
  return toSignIn(args.request);
}

/** Anyone signed in as a member, in whatever space (or none yet, a carer before choosing): /mon-compte/aidants. */
export async function requireAnyMember(args: GuardArgs): Promise<MemberViewer> {
  const viewer = await getViewer(args);
  if (viewer?.kind === "member") return viewer;
  if (viewer) notFound();
  return toSignIn(args.request);
}

/**
 * Anyone in a member's space who holds `scope` ("space": anyone in it, for its home page) (accounts/scopes.ts): the holder (every scope), a beneficiary
 * with their own access, a carer with that grant. Without the scope, a 404 like a page of another household.
 * What the page then shows is narrowed by `viewer.onlyPersonId` in the domain queries. A carer must have a
 * second factor: until one is enrolled, only the enrolment page opens.
 */
export async function requireScope(args: GuardArgs, scope: Scope | "space"): Promise<MemberViewer> {
  const viewer = await getViewer(args);
  if (viewer?.kind === "member") {
    // A carer's login before choosing whose space: the chooser first.
    if (!viewer.householdId) throw redirect("/mon-compte/aidants");
    if (scope !== "space" && !hasScope(viewer, scope)) notFound();
    if (relationOf(viewer) === "carer" && !viewer.actor?.twoFactorEnabled) {
      throw redirect("/mon-compte/double-authentification?obligatoire");
    }
    return viewer;
  }
  if (viewer) notFound();
  return toSignIn(args.request);
}

export async function requireAdvisor(args: GuardArgs): Promise<AdvisorViewer> {
  const viewer = await getViewer(args);
  if (viewer?.kind === "advisor") {
    // Mandatory for advisors: until an authenticator is enrolled, the back-office stays closed.
    if (!viewer.twoFactorEnabled) throw redirect("/mon-compte/double-authentification?obligatoire");
    return viewer;
  }
  if (viewer?.kind === "member") notFound();
  return toSignIn(args.request);
}

/**
 * Before a sensitive change (IBAN, e-mail, password, second factor): the viewer must have proved again who
 * they are in the last five minutes, else they go to /mon-compte/verification and come back here after.
 */
export async function requireFreshStepUp(args: GuardArgs, viewer: Viewer): Promise<void> {
  if (await hasFreshStepUp(args.context.get(servicesContext).db, viewer)) return;
  throw redirect(`/mon-compte/verification?retour=${encodeURIComponent(pagePath(args.request))}`);
}

/** Any signed-in person (member or advisor), for pages about one's own sign-in security. */
export async function requireSignedIn(args: GuardArgs): Promise<Viewer> {
  const viewer = await getViewer(args);
  if (viewer) return viewer;
  return toSignIn(args.request);
}

/** An advisor allowed to do `permission` (see back-office/permissions.ts); others get a 404 like members. */
export async function requirePermission(args: GuardArgs, permission: Permission): Promise<AdvisorViewer> {
  const advisor = await requireAdvisor(args);
  if (!can(advisor.role, permission)) notFound();
  return advisor;
}
