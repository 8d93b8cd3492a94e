import { data, redirect } from "react-router";
import { getViewer } from "../guards.server.ts";
import type { Route } from "./+types/session-prolonger";

// "Rester connecté" in the session warning (components/session-timeout.tsx, WCAG 2.2.1): reading the viewer
// is a use of the session, which slides its idle expiry forward and resends the cookie like any page does.
export function loader() {
  return redirect("/");
}

export async function action(args: Route.ActionArgs) {
  const viewer = await getViewer(args);
  if (!viewer) return data({ ok: false as const }, { status: 401 });
  return { ok: true as const };
}
