import { redirect } from "react-router";
import { requestContext, servicesContext } from "../context.ts";
import { getViewer } from "../guards.server.ts";
import { signOut } from "../modules/accounts/sign-out.server.ts";
import { clearOwnerCookieHeader, ownerCookieSettings } from "../modules/drafts/drafts.server.ts";
import type { Route } from "./+types/deconnexion";

// Sign-out is a POST (a link or an image tag must not sign anyone out). A GET just goes home.
export function loader() {
  return redirect("/");
}

export async function action(args: Route.ActionArgs) {
  const viewer = await getViewer(args);
  const headers = new Headers();
  if (viewer) {
    const cleared = await signOut(args.context.get(servicesContext), {
      viewer,
      requestHeaders: args.request.headers,
      ip: args.context.get(requestContext).ip,
    });
    for (const cookie of cleared.getSetCookie()) headers.append("Set-Cookie", cookie);
  }
  // Nothing typed on this browser afterwards is kept for the account that just left (form drafts).
  headers.append(
    "Set-Cookie",
    clearOwnerCookieHeader(await ownerCookieSettings(args.context.get(servicesContext).auth)),
  );
  return redirect("/connexion?deconnecte=1", { headers });
}
