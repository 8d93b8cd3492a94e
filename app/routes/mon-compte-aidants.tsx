// "Aidants": give a carer access to one's space (scopes, end date, note), see and revoke the accesses given;
// as a carer, see the spaces one may act in and choose one (or go back to one's own).
import { data, Form, redirect } from "react-router";
import { actionFailure } from "../modules/forms/action-result.ts";
import { ErrorSummary, FieldError, groupErrorProps } from "../components/error-summary.tsx";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireAnyMember, requireFreshStepUp } from "../guards.server.ts";
import { stepUpEndsAt } from "../modules/accounts/step-up.server.ts";
import { delegableScopeLabels, delegableScopes, relationOf } from "../modules/accounts/scopes.ts";
import { parseGrantForm } from "../modules/carers/carer-form.ts";
import {
  chooseSpace,
  grantCarerAccess,
  latestEndDate,
  listGrantsGiven,
  listCarerActions,
  listGrantsHeld,
  revokeCarerAccess,
} from "../modules/carers/carers.server.ts";
import { getCareConfidential, setCareConfidential } from "../modules/households/care-confidential.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { formatDate } from "../modules/shared/format.ts";
import { fieldErrorsOf, textField } from "../modules/forms/form-data.ts";
import type { Route } from "./+types/mon-compte-aidants";

export const meta: Route.MetaFunction = () => [{ title: "Aidants – Espace adhérent" }];

const notices: Record<string, string> = {
  "acces-donne": "L'accès est donné : la personne aidante a reçu un e-mail.",
  "acces-retire": "L'accès est retiré : la personne aidante ne peut plus agir pour vous, dès maintenant.",
  "confidentialite-activee":
    "C'est noté : l'adhérent du contrat ne voit plus pour vous que les montants versés, sans le détail de vos soins.",
  "confidentialite-retiree": "C'est noté : l'adhérent du contrat voit de nouveau le détail de vos remboursements.",
};

const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

const stateLabels = { active: "Actif", waiting: "En attente d'activation", revoked: "Retiré", expired: "Expiré" };

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireAnyMember(args);
  const { db, clock, env } = args.context.get(servicesContext);
  const today = clock.today();
  const relation = relationOf(viewer);
  const actorId = viewer.actor?.userId ?? viewer.userId;
  const [given, held, confidential, actions, stepUpEnd] = await Promise.all([
    listGrantsGiven(db, viewer, today),
    listGrantsHeld(db, actorId, today),
    getCareConfidential(db, viewer),
    listCarerActions(db, viewer),
    relation !== "carer" ? stepUpEndsAt(db, viewer) : null,
  ]);
  const params = new URL(args.request.url).searchParams;
  return {
    ownSpace: relation !== "carer",
    // A beneficiary's own choice (null for anyone else).
    confidential,
    // A carer acting for someone may go back to their own space only if they have one.
    actingForGrant: viewer.carerGrantId ?? null,
    twoFactorEnabled: viewer.actor?.twoFactorEnabled ?? false,
    // Granting needs a fresh identity check (as a RIB change): the form shows only within its 5 minutes.
    stepUpUntil: stepUpEnd
      ? new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" }).format(
          stepUpEnd,
        )
      : null,
    given,
    held,
    actions: actions.map((a) => ({ ...a, at: when.format(a.at) })),
    today,
    latest: latestEndDate(today, env.CARER_GRANT_MAX_MONTHS),
    maxMonths: env.CARER_GRANT_MAX_MONTHS,
    notice: Object.keys(notices).find((key) => params.has(key)) ?? null,
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireAnyMember(args);
  const services = args.context.get(servicesContext);
  const ip = args.context.get(requestContext).ip;
  const form = await args.request.formData();
  const intent = textField(form, "intent", 40);
  try {
    if (intent === "grant") {
      // Letting someone else into one's space is as sensitive as a RIB change: a fresh proof of identity first
      // (a stolen session alone cannot hand the space to a stranger).
      await requireFreshStepUp(args, viewer);
      const parsed = parseGrantForm(form);
      const values = {
        name: textField(form, "name", 200),
        email: textField(form, "email", 300),
        endsOn: textField(form, "endsOn", 20),
        note: textField(form, "note", 600),
        // The ticked scopes as one value (their keys have no spaces).
        scopes: form
          .getAll("scopes")
          .filter((v) => typeof v === "string")
          .map((v) => v.slice(0, 40))
          .join(" "),
      };
      if (!parsed.success) return actionFailure(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
      try {
        // A grant e-mails any address: counted with the household's other requests.
        await services.householdLimiter.consume("request", viewer);
        await grantCarerAccess(services, viewer, parsed.data, ip);
      } catch (error) {
        if (error instanceof AppError && error.status !== 404)
          // Too many grants: said beside the address the invitation would go to.
          return actionFailure(error.status, {
            fieldErrors: { [error.code === "rate_limited" ? "email" : error.code]: error.message },
            values,
          });
        throw error;
      }
      return redirect("/mon-compte/aidants?acces-donne");
    }
    if (intent === "confidentiality") {
      const on = form.get("confidential") === "on";
      await setCareConfidential(services, viewer, on, ip);
      return redirect(`/mon-compte/aidants?${on ? "confidentialite-activee" : "confidentialite-retiree"}`);
    }
    if (intent === "revoke") {
      await revokeCarerAccess(services.db, viewer, textField(form, "grantId", 40), ip);
      return redirect("/mon-compte/aidants?acces-retire");
    }
    if (intent === "choose") {
      if (!viewer.actor?.twoFactorEnabled) throw redirect("/mon-compte/double-authentification?obligatoire");
      await chooseSpace(services.db, viewer, textField(form, "grantId", 40), services.clock.today(), ip);
      return redirect("/");
    }
    if (intent === "own") {
      await chooseSpace(services.db, viewer, null, services.clock.today(), ip);
      return redirect("/");
    }
  } catch (error) {
    if (error instanceof AppError) throw data({ message: error.message }, { status: error.status });
    throw error;
  }
  return actionFailure(400, { formError: "Action inconnue." });
}

export default function Carers({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const values = actionData?.values;
  const scopesTicked = (values?.scopes ?? "").split(" ");
  return (
    <div className="account narrow">
      <h1>{d.confidential !== null ? "Mon accès et mes aidants" : "Aidants"}</h1>
      {d.notice ? (
        <div className="alert alert--success" role="status">
          {notices[d.notice]}
        </div>
      ) : null}

      {d.confidential !== null ? (
        <section className="card" aria-labelledby="confidentialite">
          <h2 id="confidentialite">Confidentialité de mes soins</h2>
          <p>
            {d.confidential
              ? "Vos soins sont confidentiels : l'adhérent du contrat ne voit pour vous que les montants versés, sans le type de soin, le professionnel ni les pièces jointes."
              : "L'adhérent du contrat voit aujourd'hui le détail de vos remboursements. Vous pouvez demander que vos soins restent confidentiels : il ne verra plus pour vous que les montants versés."}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="confidentiality" />
            <input type="hidden" name="confidential" value={d.confidential ? "off" : "on"} />
            <button type="submit" className="button button--primary">
              {d.confidential ? "Ne plus rendre mes soins confidentiels" : "Rendre mes soins confidentiels"}
            </button>
          </Form>
        </section>
      ) : null}

      {d.confidential !== null ? (
        <section className="card" aria-labelledby="mon-compte-bancaire">
          <h2 id="mon-compte-bancaire">Mon compte bancaire</h2>
          <p>
            Vos remboursements peuvent être versés sur votre propre compte plutôt que sur celui du contrat.{" "}
            <a href="/ma-mutuelle/coordonnees-bancaires">Voir ou modifier mes coordonnées bancaires</a>
          </p>
        </section>
      ) : null}

      {d.held.length > 0 ? (
        <section className="card" aria-labelledby="espaces">
          <h2 id="espaces">Les espaces où vous aidez</h2>
          {!d.twoFactorEnabled ? (
            <p className="alert alert--info">
              Pour agir pour le compte d'une autre personne, activez d'abord la{" "}
              <a href="/mon-compte/double-authentification?obligatoire">double authentification</a>.
            </p>
          ) : null}
          <ul className="item-list">
            {d.held.map((g) => (
              <li key={g.id}>
                <h3>{g.forName}</h3>
                <p>
                  {g.scopes.map((s) => delegableScopeLabels[s]).join(" ; ")}. Jusqu'au {formatDate(g.endsOn)} —{" "}
                  {stateLabels[g.state]}
                </p>
                {g.state === "active" && d.twoFactorEnabled ? (
                  d.actingForGrant === g.id ? (
                    <p>Vous agissez actuellement pour le compte de {g.forName}.</p>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="choose" />
                      <input type="hidden" name="grantId" value={g.id} />
                      <button type="submit" className="button button--primary">
                        Agir pour le compte de {g.forName}
                      </button>
                    </Form>
                  )
                ) : null}
              </li>
            ))}
          </ul>
          {d.actingForGrant ? (
            <Form method="post">
              <input type="hidden" name="intent" value="own" />
              <button type="submit" className="button">
                Quitter cet espace
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {d.ownSpace ? (
        <>
          <section className="card" aria-labelledby="donnes">
            <h2 id="donnes">Les accès que vous avez donnés</h2>
            {d.given.length === 0 ? (
              <p>Vous n'avez donné d'accès à personne.</p>
            ) : (
              <ul className="item-list">
                {d.given.map((g) => (
                  <li key={g.id}>
                    <h3>
                      {g.carerName} <span className="muted">({g.carerEmail})</span>
                    </h3>
                    <p>
                      {g.scopes.map((s) => delegableScopeLabels[s]).join(" ; ")}. Jusqu'au {formatDate(g.endsOn)} —{" "}
                      {stateLabels[g.state]}
                    </p>
                    {g.note ? <p className="muted">Note : {g.note}</p> : null}
                    {g.kind === "legal_representative" ? (
                      <p className="muted">
                        {`Représentant légal (${g.measure === "curatelle" ? "curatelle" : "tutelle"}) enregistré par votre mutuelle sur jugement : pour y mettre fin, contactez votre mutuelle.`}
                      </p>
                    ) : g.state === "active" || g.state === "waiting" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="grantId" value={g.id} />
                        <button type="submit" className="button">
                          Retirer l'accès<span className="visually-hidden"> de {g.carerName}</span>
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {d.actions.length > 0 ? (
            <section className="card" aria-labelledby="historique">
              <h2 id="historique">Ce que vos aidants ont fait pour vous</h2>
              <ul className="item-list">
                {d.actions.map((a, i) => (
                  <li key={i}>
                    {a.at} — {a.what}, {a.by}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <section className="card" aria-labelledby="donner">
            <h2 id="donner">Donner un accès à un aidant</h2>
            <p>
              Un proche peut vous aider sans connaître votre mot de passe : il se connecte avec son propre compte
              (double authentification obligatoire) et agit pour votre compte, dans les limites que vous choisissez. Vos
              coordonnées bancaires ne peuvent jamais lui être confiées. Vous recevez un e-mail pour chaque démarche
              qu'il fait pour vous, et pouvez retirer l'accès à tout moment.
            </p>
            {d.stepUpUntil ? (
              <>
                <p className="alert alert--info">
                  {`Votre identité est confirmée jusqu'à ${d.stepUpUntil} (5 minutes) : donnez l'accès avant cette heure, sinon il faudra la confirmer de nouveau.`}
                </p>
                <ErrorSummary errors={{ form: actionData?.formError ?? undefined, ...errors }} />
                <Form method="post" noValidate className="form-card">
                  <input type="hidden" name="intent" value="grant" />
                  <FormField
                    name="name"
                    label="Nom de la personne aidante"
                    autoComplete="off"
                    defaultValue={values?.name}
                    error={errors.name}
                    required
                  />
                  <FormField
                    name="email"
                    type="email"
                    label="Son adresse e-mail"
                    autoComplete="off"
                    defaultValue={values?.email}
                    error={errors.email}
                    required
                  />
                  <fieldset
                    className={errors.scopes ? "field field--error" : "field"}
                    {...groupErrorProps("scopes", errors.scopes)}
                  >
                    <legend>Ce qu'elle pourra faire</legend>
                    <FieldError id="scopes" error={errors.scopes} />
                    {delegableScopes.map((s, i) => (
                      <label key={s} className="choice">
                        {/* The first box carries the group's id: the error summary's link lands there. */}
                        <input
                          type="checkbox"
                          name="scopes"
                          value={s}
                          id={i === 0 ? "scopes" : undefined}
                          defaultChecked={scopesTicked.includes(s)}
                        />{" "}
                        {delegableScopeLabels[s]}
                      </label>
                    ))}
                  </fieldset>
                  <FormField
                    name="endsOn"
                    type="date"
                    label="Fin de l'accès"
                    hint={`Au plus ${d.maxMonths} mois : jusqu'au ${formatDate(d.latest)} au plus tard.`}
                    min={d.today}
                    max={d.latest}
                    defaultValue={values?.endsOn}
                    error={errors.endsOn}
                    required
                  />
                  <FormField
                    name="note"
                    label="Note (facultative)"
                    hint="Pour vous souvenir de la raison de cet accès."
                    defaultValue={values?.note}
                    error={errors.note}
                  />
                  <button type="submit" className="button button--primary">
                    Donner l'accès
                  </button>
                </Form>
              </>
            ) : (
              <>
                <p>Par sécurité, vous confirmez d'abord votre identité (mot de passe, puis un code).</p>
                <a className="button button--primary" href="/mon-compte/verification?retour=%2Fmon-compte%2Faidants">
                  Confirmer mon identité pour donner un accès
                </a>
              </>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
