// The first line of every loader and action. Member data is only ever read through the viewer these return.
import { data, redirect } from "react-router";
import { requestContext, servicesContext } from "./context.ts";
import { hasFreshStepUp } from "./modules/accounts/step-up.server.ts";
import {
  type DraftFields,
  draftOwnerFor,
  draftOwnerOf,
  ownerCookieHeader,
  ownerCookieSettings,
  readTextFields,
  saveDraft,
  takeDraft,
} from "./modules/drafts/drafts.server.ts";
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

/**
 * To the sign-in page, and back here after. A form posted once the session is over (`keepDraft`: the fields to
 * keep) is kept as a draft of the account named by the draft owner cookie, and the sign-in page says the
 * session expired; the form's loader gives it back (`formDraft`).
 */
async function toSignIn(args: GuardArgs, keepDraft?: readonly string[]): Promise<never> {
  const target = pagePath(args.request);
  if (keepDraft && args.request.method === "POST") {
    const services = args.context.get(servicesContext);
    const owner = draftOwnerOf(await ownerCookieSettings(services.auth), args.request.headers.get("cookie"));
    if (owner) {
      const fields = await readTextFields(args.request, keepDraft);
      if (Object.values(fields).some((v) => v.trim() !== "")) await saveDraft(services, owner, target, fields);
      throw redirect(`/connexion?expiree=1&redirectTo=${encodeURIComponent(target)}`);
    }
  }
  throw redirect(target === "/" ? "/connexion" : `/connexion?redirectTo=${encodeURIComponent(target)}`);
}

/** What a guard may do for a form it refuses: keep these fields as a draft (see `toSignIn`, `formDraft`). */
export interface GuardOptions {
  keepDraft?: readonly string[];
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
export async function requireMember(args: GuardArgs, options: GuardOptions = {}): Promise<MemberViewer> {
  const viewer = await getViewer(args);
  if (viewer?.kind === "member" && relationOf(viewer) === "holder") return viewer;
  if (viewer) notFound();
  return toSignIn(args, options.keepDraft);
}

/** Anyone signed in as a member, in whatever space (or none yet, a carer before choosing): /mon-compte/aidants. */
export async function requireAnyMember(args: GuardArgs): Promise<MemberViewer> {
  const viewer = await getViewer(args);
  if (viewer?.kind === "member") return viewer;
  if (viewer) notFound();
  return toSignIn(args);
}

/**
 * Anyone in a member's space who holds `scope` ("space": anyone in it, for its home page) (accounts/scopes.ts): the holder (every scope), a beneficiary
 * with their own access, a carer with that grant. Without the scope, a 404 like a page of another household.
 * What the page then shows is narrowed by `viewer.onlyPersonId` in the domain queries. A carer must have a
 * second factor: until one is enrolled, only the enrolment page opens.
 */
export async function requireScope(
  args: GuardArgs,
  scope: Scope | "space",
  options: GuardOptions = {},
): Promise<MemberViewer> {
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
  return toSignIn(args, options.keepDraft);
}

export async function requireAdvisor(args: GuardArgs): Promise<AdvisorViewer> {
  const viewer = await getViewer(args);
  if (viewer?.kind === "advisor") {
    // Mandatory for advisors: until an authenticator is enrolled, the back-office stays closed.
    if (!viewer.twoFactorEnabled) throw redirect("/mon-compte/double-authentification?obligatoire");
    return viewer;
  }
  if (viewer?.kind === "member") notFound();
  return toSignIn(args);
}

/**
 * Before a sensitive change (IBAN, e-mail, password, second factor): the viewer must have proved again who
 * they are in the last five minutes, else they go to /mon-compte/verification and come back here after.
 */
export async function requireFreshStepUp(args: GuardArgs, viewer: Viewer, options: GuardOptions = {}): Promise<void> {
  const services = args.context.get(servicesContext);
  if (await hasFreshStepUp(services.db, viewer)) return;
  const target = pagePath(args.request);
  // A form posted after the 5 minutes (WCAG 2.2.1, 3.3.7): what was typed (an IBAN, a holder's name) waits on
  // the server, encrypted, and is back in the form after the new confirmation, never in the URL.
  if (options.keepDraft && args.request.method === "POST") {
    const fields = await readTextFields(args.request, options.keepDraft);
    if (Object.values(fields).some((v) => v.trim() !== "")) {
      await saveDraft(services, draftOwnerFor(viewer), target, fields);
    }
  }
  throw redirect(`/mon-compte/verification?retour=${encodeURIComponent(target)}`);
}

/**
 * For a form page that keeps drafts, in its loader: sets the draft owner cookie (so a post after the session
 * ended can still be kept for this account) and gives back, once, the fields kept for this page and account.
 */
export async function formDraft(args: GuardArgs, viewer: Viewer): Promise<DraftFields | null> {
  const services = args.context.get(servicesContext);
  // The login behind the session (a carer's own, not the person's they act for) and the space it acts in: a
  // carer's draft typed for one household is not offered in another's.
  const owner = draftOwnerFor(viewer);
  args.context.get(requestContext).setCookie(ownerCookieHeader(await ownerCookieSettings(services.auth), owner));
  return takeDraft(services, owner, pagePath(args.request));
}

/** Any signed-in person (member or advisor), for pages about one's own sign-in security. */
export async function requireSignedIn(args: GuardArgs): Promise<Viewer> {
  const viewer = await getViewer(args);
  if (viewer) return viewer;
  return toSignIn(args);
}

/** An advisor allowed to do `permission` (see back-office/permissions.ts); others get a 404 like members. */
export async function requirePermission(args: GuardArgs, permission: Permission): Promise<AdvisorViewer> {
  const advisor = await requireAdvisor(args);
  if (!can(advisor.role, permission)) notFound();
  return advisor;
}
