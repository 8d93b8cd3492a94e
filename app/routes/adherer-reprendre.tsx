import { data, Form, redirect } from "react-router";
import { servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { textField } from "../modules/forms/form-data.ts";
import {
  checkResumeLink,
  journeyCookieHeader,
  resumeForMember,
  resumeJourney,
} from "../modules/offer/journey-resume.server.ts";
import type { Route } from "./+types/adherer-reprendre";

export const meta: Route.MetaFunction = () => [{ title: "Reprendre mon adhésion – Espace adhérent" }];

const linkRefused = (error: "unknown" | "expired") =>
  data({ token: null, expired: error === "expired" }, { status: error === "expired" ? 410 : 404 });

// Public: the e-mailed link carries its own single-use token. Opening it only asks to confirm: mail scanners and
// link previews open links before the person does, and a GET that spent the token would leave them a dead link.
export async function loader(args: Route.LoaderArgs) {
  const services = args.context.get(servicesContext);
  const token = new URL(args.request.url).searchParams.get("jeton") ?? "";
  const checked = await checkResumeLink(services, token);
  return "error" in checked ? linkRefused(checked.error) : { token, expired: false };
}

// The button of the e-mailed link's page ("jeton" posted): the journey moves to this browser. Without a token, a
// signed-in member resumes the unsigned journey started with their login's address ("Démarche commerciale à
// finaliser" on the dashboard): handed to this browser without a link, their address being already proven and
// the journey naming them (journey-resume.server.ts, security review R6).
export async function action(args: Route.ActionArgs) {
  const services = args.context.get(servicesContext);
  const form = await args.request.formData();
  if (form.has("jeton")) {
    const result = await resumeJourney(services, textField(form, "jeton", 100));
    if ("error" in result) return linkRefused(result.error);
    return redirect("/offre/adherer?repris", {
      headers: { "Set-Cookie": await journeyCookieHeader(result.browserToken, services.env.COOKIE_SECURE) },
    });
  }
  const viewer = await requireMember(args);
  const token = (viewer.relation ?? "holder") === "holder" ? await resumeForMember(services.db, viewer) : null;
  if (!token) return redirect("/offre/adherer");
  return redirect("/offre/adherer?repris", {
    headers: { "Set-Cookie": await journeyCookieHeader(token, services.env.COOKIE_SECURE) },
  });
}

export default function Resume({ loaderData, actionData }: Route.ComponentProps) {
  const refused = actionData ?? (loaderData.token === null ? loaderData : null);
  return (
    <div className="account narrow">
      <h1>Reprendre mon adhésion</h1>
      {refused ? (
        <>
          <p className="alert alert--info">
            {refused.expired
              ? "Ce lien a expiré."
              : "Ce lien n'est pas valable ou a déjà servi : chaque lien ne sert qu'une fois."}
          </p>
          <p>
            Si vous avez commencé sur cet appareil, <a href="/offre/adherer">reprenez directement votre adhésion</a> et
            demandez-y un nouveau lien ; sinon, recommencez depuis <a href="/offre">Obtenir un tarif</a>.
          </p>
        </>
      ) : (
        <>
          <p>
            Votre adhésion en ligne vous attend là où vous l'aviez laissée. Elle se poursuivra sur cet appareil ; le
            lien ne sert qu'une fois.
          </p>
          <Form method="post">
            <input type="hidden" name="jeton" value={loaderData.token ?? ""} />
            <button type="submit" className="button button--primary">
              Reprendre mon adhésion sur cet appareil
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
