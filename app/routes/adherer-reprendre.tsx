import { data, redirect } from "react-router";
import { servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { journeyCookieHeader, resumeForMember, resumeJourney } from "../modules/offer/journey-resume.server.ts";
import type { Route } from "./+types/adherer-reprendre";

export const meta: Route.MetaFunction = () => [{ title: "Reprendre mon adhésion – Espace adhérent" }];

// Public: the e-mailed link carries its own single-use token.
export async function loader(args: Route.LoaderArgs) {
  const services = args.context.get(servicesContext);
  const token = new URL(args.request.url).searchParams.get("jeton") ?? "";
  const result = await resumeJourney(services, token);
  if ("browserToken" in result)
    return redirect("/offre/adherer?repris", {
      headers: { "Set-Cookie": await journeyCookieHeader(result.browserToken, services.env.COOKIE_SECURE) },
    });
  return data({ expired: result.error === "expired" }, { status: result.error === "expired" ? 410 : 404 });
}

// A signed-in member resumes the unsigned journey started with their login's address ("Démarche commerciale à
// finaliser" on the dashboard): handed to this browser without a link, their address being already proven and
// the journey naming them (journey-resume.server.ts, security review R6).
export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  const services = args.context.get(servicesContext);
  const token = (viewer.relation ?? "holder") === "holder" ? await resumeForMember(services.db, viewer) : null;
  if (!token) return redirect("/offre/adherer");
  return redirect("/offre/adherer?repris", {
    headers: { "Set-Cookie": await journeyCookieHeader(token, services.env.COOKIE_SECURE) },
  });
}

export default function Resume({ loaderData }: Route.ComponentProps) {
  return (
    <div className="account narrow">
      <h1>Reprendre mon adhésion</h1>
      <p className="alert alert--info">
        {loaderData.expired
          ? "Ce lien a expiré."
          : "Ce lien n'est pas valable ou a déjà servi : chaque lien ne sert qu'une fois."}
      </p>
      <p>
        Si vous avez commencé sur cet appareil, <a href="/offre/adherer">reprenez directement votre adhésion</a> et
        demandez-y un nouveau lien ; sinon, recommencez depuis <a href="/offre">Obtenir un tarif</a>.
      </p>
    </div>
  );
}
