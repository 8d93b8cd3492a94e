// The first line of every loader and action. Member data is only ever read through the viewer these return.
import { data, redirect } from "react-router";
import { requestContext } from "./context.ts";
import type { AdvisorViewer, MemberViewer, Viewer } from "./modules/accounts/viewer.server.ts";

interface GuardArgs {
  request: Request;
  context: { get: <T>(key: import("react-router").RouterContext<T>) => T };
}

export function getViewer({ context }: GuardArgs): Promise<Viewer | null> {
  return context.get(requestContext).viewer();
}

function toSignIn(request: Request): never {
  const url = new URL(request.url);
  const target = url.pathname + url.search;
  throw redirect(target === "/" ? "/connexion" : `/connexion?redirectTo=${encodeURIComponent(target)}`);
}

/** 404, not 403: a page that is not yours does not exist for you. */
export function notFound(): never {
  throw data({ message: "Page introuvable" }, { status: 404 });
}

export async function requireMember(args: GuardArgs): Promise<MemberViewer> {
  const viewer = await getViewer(args);
  if (viewer?.kind === "member") return viewer;
  if (viewer?.kind === "advisor") notFound();
  return toSignIn(args.request);
}

export async function requireAdvisor(args: GuardArgs): Promise<AdvisorViewer> {
  const viewer = await getViewer(args);
  if (viewer?.kind === "advisor") return viewer;
  if (viewer?.kind === "member") notFound();
  return toSignIn(args.request);
}
