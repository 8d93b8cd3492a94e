// The advisors' queue of "Activer mon espace" requests made from the sign-in page: a gestionnaire confirms one
// (the link and code go to the address typed there) or refuses it, after checking it with the people concerned.
// The contract holder can confirm too, from the beneficiary's page; whoever is first settles it.
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { requestContext, servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { textField } from "../modules/forms/form-data.ts";
import {
  listOwnAccessRequests,
  settleOwnAccessRequestByAdvisor,
} from "../modules/households/own-access-requests.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/back-office-acces-personnels";

export const meta: Route.MetaFunction = () => [{ title: "Demandes d'espace personnel – Espace conseiller" }];

const notices: Record<string, string> = {
  confirmee: "La demande est confirmée : le lien et le code sont partis, l'adhérent du contrat est prévenu.",
  refusee: "La demande est refusée : rien n'est ouvert, l'adhérent du contrat est prévenu.",
};

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "beneficiaries.decide");
  const { db, clock } = args.context.get(servicesContext);
  const rows = await listOwnAccessRequests(db, advisor);
  const params = new URL(args.request.url).searchParams;
  return {
    rows: rows.map((r) => ({ ...r, receivedOn: clock.dateOf(r.createdAt) })),
    notice: Object.keys(notices).find((key) => params.has(key)) ?? null,
  };
}

export async function action(args: Route.ActionArgs) {
  const advisor = await requirePermission(args, "beneficiaries.decide");
  const form = await args.request.formData();
  const decision = textField(form, "decision", 20);
  if (decision !== "confirm" && decision !== "refuse")
    return actionFailure(400, { formError: "Choisissez de confirmer ou de refuser la demande." });
  try {
    await settleOwnAccessRequestByAdvisor(
      args.context.get(servicesContext),
      advisor,
      textField(form, "inviteId", 40),
      decision,
      args.context.get(requestContext).ip,
    );
  } catch (error) {
    return appErrorAnswer(error, (refusal) => actionResult({ formError: refusal.message }));
  }
  return redirect(`/back-office/acces-personnels?${decision === "confirm" ? "confirmee" : "refusee"}`);
}

export default function OwnAccessRequests({ loaderData: d, actionData }: Route.ComponentProps) {
  return (
    <div className="queue">
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>Demandes d'espace personnel</h1>
      <p>
        Une personne couverte de 16 ans ou plus a demandé, depuis la page de connexion, à ouvrir son propre espace.
        L'adresse e-mail indiquée n'est pas vérifiée : confirmez seulement après avoir joint la personne ou l'adhérent
        du contrat aux coordonnées connues du contrat. Le lien et le code partent à cette adresse ; l'adhérent du
        contrat est prévenu de votre décision.
      </p>
      {d.notice ? (
        <div className="alert alert--success" role="status">
          {notices[d.notice]}
        </div>
      ) : null}
      {actionData?.formError ? (
        <div className="alert alert--error" role="alert">
          {actionData.formError}
        </div>
      ) : null}
      {d.rows.length === 0 ? (
        <p className="empty">Aucune demande en attente.</p>
      ) : (
        <ul className="item-list">
          {d.rows.map((r) => (
            <li key={r.id} className="card">
              <h2>
                {r.firstName} {r.lastName}
              </h2>
              <dl className="detail-list">
                <div>
                  <dt>Reçue le</dt>
                  <dd>{formatDate(r.receivedOn)}</dd>
                </div>
                <div>
                  <dt>Contrat</dt>
                  <dd>
                    <a href={`/back-office/adherents/${r.memberNumber}`}>{r.memberNumber}</a> ({r.holderName})
                  </dd>
                </div>
                <div>
                  <dt>Date de naissance</dt>
                  <dd>{formatDate(r.birthDate)}</dd>
                </div>
                <div>
                  <dt>Adresse indiquée</dt>
                  <dd>{r.email}</dd>
                </div>
              </dl>
              <Form method="post" className="toolbar">
                <input type="hidden" name="inviteId" value={r.id} />
                <button type="submit" name="decision" value="confirm" className="button button--primary">
                  Confirmer<span className="visually-hidden"> la demande de {r.firstName}</span>
                </button>
                <button type="submit" name="decision" value="refuse" className="button">
                  Refuser<span className="visually-hidden"> la demande de {r.firstName}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
