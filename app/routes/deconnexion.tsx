import { redirect } from "react-router";
import { requestContext, servicesContext } from "../context.ts";
import { getViewer } from "../guards.server.ts";
import { recordAudit } from "../modules/audit/audit.server.ts";
import type { Route } from "./+types/deconnexion";

// Sign-out is a POST (a link or an image tag must not sign anyone out). A GET just goes home.
export function loader() {
  return redirect("/");
}

export async function action(args: Route.ActionArgs) {
  const { auth, db } = args.context.get(servicesContext);
  const viewer = await getViewer(args);
  const headers = new Headers();
  if (viewer) {
    // Deletes the session row, so the old cookie is worthless even if it was copied.
    const result = await auth.api.signOut({ headers: args.request.headers, returnHeaders: true });
    for (const cookie of result.headers.getSetCookie()) headers.append("Set-Cookie", cookie);
    await recordAudit(db, {
      action: "auth.sign_out",
      outcome: "success",
      actorUserId: viewer.userId,
      householdId: viewer.kind === "member" ? viewer.householdId : null,
      ipAddress: args.context.get(requestContext).ip,
    });
  }
  return redirect("/connexion?deconnecte=1", { headers });
}
