import { actionFailure } from "../modules/forms/action-result.ts";
import { Form, redirect } from "react-router";
import { AdvisorAccessesTable } from "../components/advisor-accesses.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { listAdvisorAccesses } from "../modules/back-office/access-log.server.ts";
import {
  exportRetentionDays,
  listExports,
  prepareExport,
  requestExport,
} from "../modules/personal-data/export.server.ts";
import { requestDataRight, listDataRightsRequests } from "../modules/personal-data/rights.server.ts";
import { dataRightHints, dataRightLabels, dataRights, dataRightsSchema } from "../modules/personal-data/rights-form.ts";
import { requestStatusLabels } from "../modules/requests/labels.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/mon-compte-donnees-personnelles";
import { RetentionTable } from "../components/retention-table.tsx";
import { formValues, parseForm } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Mes données personnelles – Espace adhérent" }];

const hour = new Intl.DateTimeFormat("fr-FR", { timeStyle: "short", timeZone: "Europe/Paris" });
const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });
const formatSize = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("fr-FR")} Ko`
    : `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const services = args.context.get(servicesContext);
  const { db, brand, clock } = services;
  const [requests, accesses, exports] = await Promise.all([
    listDataRightsRequests(db, viewer),
    listAdvisorAccesses(db, viewer, 20),
    listExports(services, viewer),
  ]);
  const params = new URL(args.request.url).searchParams;
  return {
    retention: brand.privacy.retention,
    dpoEmail: brand.privacy.dpo.email,
    requests: requests.map((r) => ({
      id: r.id,
      reference: r.reference,
      label: dataRightLabels[r.details.right],
      status: requestStatusLabels[r.status],
      on: formatDate(clock.dateOf(r.createdAt)),
    })),
    accesses: accesses.map((a) => ({
      day: formatDate(a.day),
      hours: a.count === 1 ? `à ${hour.format(a.first)}` : `de ${hour.format(a.first)} à ${hour.format(a.last)}`,
      advisorName: a.advisorName,
      pages: a.pages,
      count: a.count,
    })),
    sent: params.get("demande-envoyee"),
    exportAsked: params.has("archive-demandee"),
    exportAskedBefore: params.has("archive-deja-demandee"),
    retentionDays: exportRetentionDays,
    exports: exports.map((e) => ({
      id: e.id,
      status: e.status,
      requestedAt: when.format(e.requestedAt),
      expiresAt: e.expiresAt ? when.format(e.expiresAt) : null,
      size: e.sizeBytes === null ? null : formatSize(e.sizeBytes),
    })),
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  const services = args.context.get(servicesContext);
  const { db, clock } = services;
  const ip = args.context.get(requestContext).ip;
  const form = formValues(await args.request.formData(), 2100);
  if (form.intent === "export") {
    const { id, created } = await requestExport(services, viewer, ip);
    // Prepared in the background: the page answers at once, the member gets an e-mail when it is ready.
    if (created)
      void prepareExport(services, id).catch(() => {
        services.logger.error({ event: "data_export_failed", exportId: id });
      });
    return redirect(
      created
        ? "/mon-compte/donnees-personnelles?archive-demandee#telecharger"
        : "/mon-compte/donnees-personnelles?archive-deja-demandee#telecharger",
    );
  }
  const parsed = parseForm(dataRightsSchema(), {
    right: form.right ?? "",
    message: (form.message ?? "").slice(0, 5000),
  });
  if (!parsed.ok)
    return actionFailure(400, {
      fieldErrors: parsed.fieldErrors,
      values: { right: form.right ?? "", message: (form.message ?? "").slice(0, 2000) },
    });
  try {
    const reference = await requestDataRight(db, viewer, parsed.data, clock.today(), ip);
    return redirect(`/mon-compte/donnees-personnelles?demande-envoyee=${encodeURIComponent(reference)}`);
  } catch (error) {
    if (error instanceof AppError && error.status === 409)
      return actionFailure(409, { fieldErrors: { right: error.message }, values: parsed.data });
    throw error;
  }
}

export default function PersonalData({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  return (
    <div className="account">
      <h1>Mes données personnelles</h1>
      {d.sent ? (
        <div className="alert alert--info" role="status">
          Votre demande {d.sent} est envoyée. Votre mutuelle vous répond dans un délai d'un mois ; vous la suivez dans{" "}
          <a href="/demandes">Mes démarches</a>.
        </div>
      ) : null}
      <p>
        Votre mutuelle garde les informations nécessaires à votre contrat et à vos remboursements. Vous pouvez savoir
        lesquelles, en recevoir une copie, les faire corriger, et dans certains cas les faire effacer. Le détail est
        dans la <a href="/confidentialite">politique de confidentialité</a>.
      </p>

      <section className="card" aria-labelledby="droits">
        <h2 id="droits">Vos droits, en bref</h2>
        <ul>
          <li>
            <strong>Savoir et emporter</strong> : téléchargez une copie de tout ce que nous gardons sur votre foyer,
            dans des formats ouverts.
          </li>
          <li>
            <strong>Corriger</strong> : une information fausse ou ancienne se corrige vous-même, depuis les pages
            ci-dessous.
          </li>
          <li>
            <strong>Effacer</strong> : nous effaçons ce que la loi ne nous oblige pas à garder.
          </li>
          <li>
            <strong>Limiter ou vous opposer</strong> : nous gardons une donnée sans l'utiliser, ou cessons une
            utilisation qui n'est pas nécessaire à votre contrat.
          </li>
        </ul>
        <p className="muted">
          Pour toute question, écrivez à notre délégué à la protection des données :{" "}
          <a href={`mailto:${d.dpoEmail}`}>{d.dpoEmail}</a>.
        </p>
      </section>

      <section className="card" aria-labelledby="telecharger">
        <h2 id="telecharger">Télécharger mes données</h2>
        {d.exportAskedBefore ? (
          <div className="alert alert--info" role="status">
            Une archive de vos données est déjà demandée : elle est ci-dessous. Vous recevrez un e-mail quand elle sera
            prête ; il n'est pas utile d'en demander une autre.
          </div>
        ) : null}
        {d.exportAsked ? (
          <div className="alert alert--info" role="status">
            Votre archive est en préparation. Vous recevrez un e-mail quand elle sera prête ; elle sera ensuite
            téléchargeable ici pendant {d.retentionDays} jours.
          </div>
        ) : null}
        <p>
          Une archive ZIP avec tout ce que votre mutuelle garde sur votre foyer : vos informations dans des fichiers
          ouverts (JSON), vos documents en PDF (cartes, attestations, échéanciers, relevés), les fichiers que vous avez
          envoyés, vos messages, l'historique de vos connexions et des consultations de votre dossier.
        </p>
        {d.exports.length > 0 ? (
          <ul className="link-list">
            {d.exports.map((e) => (
              <li key={e.id}>
                {e.status === "ready" ? (
                  <>
                    <a href={`/mon-compte/donnees-personnelles/archive/${e.id}`} download>
                      Télécharger l'archive demandée le {e.requestedAt}
                    </a>{" "}
                    (ZIP, {e.size}) — disponible jusqu'au {e.expiresAt}
                  </>
                ) : e.status === "failed" ? (
                  <>Archive demandée le {e.requestedAt} : la préparation a échoué, demandez-en une nouvelle.</>
                ) : (
                  <>Archive demandée le {e.requestedAt} : en préparation.</>
                )}
              </li>
            ))}
          </ul>
        ) : null}
        {d.exports.some((e) => e.status !== "failed") ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="export" />
            <button type="submit" className="button button--primary">
              Préparer l'archive de mes données
            </button>
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="corriger">
        <h2 id="corriger">Corriger une information</h2>
        <ul className="link-list">
          <li>
            <a href="/mon-compte">Mon adresse postale et mon téléphone</a>
          </li>
          <li>
            <a href="/mon-compte/email">Mon adresse e-mail</a>
          </li>
          <li>
            <a href="/ma-mutuelle/coordonnees-bancaires">Mes coordonnées bancaires</a>
          </li>
          <li>
            <a href="/ma-mutuelle/beneficiaires">Les personnes couvertes</a>
          </li>
        </ul>
        <p className="muted">
          Un nom ou une date de naissance erronés se corrigent par la <a href="/messagerie/nouveau">messagerie</a>, avec
          un justificatif.
        </p>
      </section>

      <section className="card" aria-labelledby="demander">
        <h2 id="demander">Demander l'effacement, la limitation ou vous opposer</h2>
        <p>
          Votre mutuelle étudie votre demande et vous répond dans un délai d'un mois. Elle ne peut pas effacer ce que la
          loi l'oblige à garder (voir ci-dessous) : votre contrat, vos remboursements et vos démarches restent tant que
          dure leur conservation légale.
        </p>
        {Object.values(errors).some(Boolean) ? (
          <div className="alert alert--error" role="alert">
            Votre demande n'a pas été envoyée : corrigez les champs signalés.
          </div>
        ) : null}
        <Form method="post" noValidate className="form-card">
          <fieldset
            className={errors.right ? "field field--error" : "field"}
            aria-describedby={errors.right ? "right-erreur" : undefined}
          >
            <legend>Votre demande *</legend>
            {errors.right ? (
              <p className="field__error" id="right-erreur">
                <span aria-hidden="true">⚠ </span>
                {errors.right}
              </p>
            ) : null}
            {dataRights.map((right) => (
              <div key={right} className="choice">
                <label>
                  <input
                    type="radio"
                    name="right"
                    value={right}
                    defaultChecked={values.right === right}
                    aria-describedby={`right-${right}-aide`}
                  />{" "}
                  {dataRightLabels[right]}
                </label>
                <p className="field__hint" id={`right-${right}-aide`}>
                  {dataRightHints[right]}
                </p>
              </div>
            ))}
          </fieldset>
          <div className={errors.message ? "field field--error" : "field"}>
            <label htmlFor="message">Précisions</label>
            <p className="field__hint" id="message-aide">
              Obligatoires pour une limitation ou une opposition : quelle utilisation, et pourquoi. 2 000 caractères au
              plus.
            </p>
            {errors.message ? (
              <p className="field__error" id="message-erreur">
                <span aria-hidden="true">⚠ </span>
                {errors.message}
              </p>
            ) : null}
            <textarea
              id="message"
              name="message"
              rows={5}
              defaultValue={values.message ?? ""}
              aria-invalid={errors.message ? true : undefined}
              aria-describedby={errors.message ? "message-aide message-erreur" : "message-aide"}
            />
          </div>
          <button type="submit" className="button button--primary">
            Envoyer ma demande
          </button>
        </Form>
        {d.requests.length > 0 ? (
          <>
            <h3>Vos demandes</h3>
            <ul className="link-list">
              {d.requests.map((r) => (
                <li key={r.id}>
                  <a href={`/demandes/${r.id}`}>
                    {r.label} — {r.reference}
                  </a>{" "}
                  : {r.status.toLowerCase()}, envoyée le {r.on}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="conservation">
        <h2 id="conservation">Ce que nous devons garder, et combien de temps</h2>
        <RetentionTable retention={d.retention} />
      </section>

      <section className="card" aria-labelledby="acces-mutuelle">
        <h2 id="acces-mutuelle">Accès de votre mutuelle à votre dossier</h2>
        <AdvisorAccessesTable accesses={d.accesses} />
      </section>
    </div>
  );
}
