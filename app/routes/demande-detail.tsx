import { actionFailure } from "../modules/forms/action-result.ts";
import type { QuoteDetails } from "../modules/requests/details.ts";
import { Form, redirect } from "react-router";
import { z } from "zod";
import { addMissingDocument } from "../modules/claims/missing-document.server.ts";
import { keepOrDiscard, requestFileStore } from "../modules/claims/attachments.server.ts";
import { receiveUploads } from "../modules/claims/read-uploads.server.ts";
import { assertWithinUploadQuota, refuseUploadOverQuota } from "../modules/claims/quotas.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { Money } from "../components/money.tsx";
import { servicesContext } from "../context.ts";
import { notFound, requireScope } from "../guards.server.ts";
import { requestKindLabels, requestStatusLabel, requestTitle } from "../modules/requests/labels.ts";
import { getRequest } from "../modules/requests/queries.server.ts";
import { careTypeLabel } from "../modules/shared/care-types.ts";
import { formatDate } from "../modules/shared/format.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/demande-detail";
import { FilesInput } from "../components/files-input.tsx";
import { ErrorSummary, FieldError } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Demande ${loaderData?.request.reference ?? ""} – Mes démarches` },
];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "file");
  const id = z.uuid().safeParse(args.params.id);
  if (!id.success) notFound();
  const { db, clock } = args.context.get(servicesContext);
  const request = await getRequest(db, viewer, id.data);
  if (!request) notFound();
  const sent = new URL(args.request.url).searchParams.has("envoyee");
  return {
    sent,
    request: {
      ...request,
      createdOn: clock.dateOf(request.createdAt),
      events: request.events.map((e) => ({ ...e, on: clock.dateOf(e.at) })),
    },
    help: await helpForPage(db, "demande-detail"),
  };
}

// Adds the document an advisor asked for (multipart post; works without JavaScript).
export async function action(args: Route.ActionArgs) {
  const viewer = await requireScope(args, "file");
  const id = z.uuid().safeParse(args.params.id);
  if (!id.success) notFound();
  const services = args.context.get(servicesContext);
  const { db, quotas } = services;
  const store = requestFileStore(services);
  try {
    await refuseUploadOverQuota(db, viewer, quotas, args.request);
    const { stored } = await receiveUploads(args.request, store);
    await keepOrDiscard(store, stored, async () => {
      await assertWithinUploadQuota(db, viewer, quotas, stored);
      await addMissingDocument(db, viewer, id.data, stored);
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) notFound();
    // A refused file is said beside the file field; a refusal of the démarche itself (not waiting for a document,
    // a quota) above the form.
    const aboutTheFile = error.status === 400 || error.status === 413 || error.status === 415;
    return actionFailure(
      error.status,
      aboutTheFile ? { fieldErrors: { fichiers: error.message } } : { formError: error.message },
    );
  }
  throw redirect(`/demandes/${id.data}?piece=1`);
}

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} Ko`
    : `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} Mo`;

export default function RequestDetail({ loaderData: { request: r, sent, help }, actionData }: Route.ComponentProps) {
  return (
    <article className="request-detail">
      <ErrorSummary
        title="Le document n'a pas été envoyé :"
        errors={{ form: actionData?.formError ?? undefined, ...actionData?.fieldErrors }}
      />
      <p>
        <a href="/demandes">← Mes démarches</a>
      </p>
      {sent ? (
        <div className="alert alert--info" role="status">
          {r.kind === "quote"
            ? "Votre devis est bien envoyé. Sa référence : "
            : "Votre demande est bien envoyée. Sa référence : "}
          <strong>{r.reference}</strong>. Un e-mail de confirmation vous a été adressé.
        </div>
      ) : null}
      <h1>{requestTitle(r)}</h1>
      <p className="lead">
        {requestKindLabels[r.kind]} <strong>{r.reference}</strong> —{" "}
        <span className={`status status--${r.status}`}>{requestStatusLabel(r.kind, r.status)}</span>
      </p>
      <section className="card" aria-labelledby="detail">
        <h2 id="detail">Votre demande</h2>
        <dl className="detail-list">
          <div>
            <dt>{r.kind === "quote" || r.kind === "bank_details" ? "Envoyé le" : "Envoyée le"}</dt>
            <dd>{formatDate(r.createdOn)}</dd>
          </div>
          {r.beneficiaryFirstName && r.careType ? (
            <div>
              <dt>Bénéficiaire du soin</dt>
              <dd>
                {r.beneficiaryFirstName} {r.beneficiaryLastName}
              </dd>
            </div>
          ) : null}
          {r.careType ? (
            <div>
              <dt>Type de soin</dt>
              <dd>{careTypeLabel(r.careType)}</dd>
            </div>
          ) : null}
          {r.kind === "claim" || r.kind === "quote" ? (
            <div>
              <dt>Lieu du soin</dt>
              <dd>{r.abroad ? `À l'étranger (${r.country}, ${r.currency})` : "En France"}</dd>
            </div>
          ) : null}
          {r.amountCents !== null ? (
            <div>
              <dt>{r.kind === "quote" ? "Montant du devis" : "Montant que vous avez payé"}</dt>
              <dd>
                <Money cents={r.amountCents} currency={r.abroad ? r.currency : null} />
              </dd>
            </div>
          ) : null}
          {r.paidCents !== null ? (
            <div>
              <dt>Remboursé par votre mutuelle</dt>
              <dd>
                <Money cents={r.paidCents} />
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
      {r.quote ? <QuoteAnswer details={r.quote} /> : null}
      <section className="card" aria-labelledby="suivi">
        <h2 id="suivi">Suivi</h2>
        <ol className="timeline">
          {r.events.map((e, i) => (
            <li key={`${e.status}-${i}`}>
              <span className="timeline__date">{formatDate(e.on)}</span> {requestStatusLabel(r.kind, e.status)}
              {e.note ? <span className="muted"> — {e.note}</span> : null}
            </li>
          ))}
        </ol>
        {r.decisionReason ? (
          <p>
            <strong>Décision :</strong> {r.decisionReason}
          </p>
        ) : null}
      </section>
      {r.status === "missing_document" ? (
        <section className="card" aria-labelledby="piece-manquante">
          <h2 id="piece-manquante">Ajouter la pièce demandée</h2>
          <p id="fichiers-aide">
            Votre mutuelle a besoin d'un document pour traiter cette demande. PDF, JPEG ou PNG, 10 Mo au plus.
          </p>
          <Form method="post" encType="multipart/form-data">
            <div className={actionData?.fieldErrors.fichiers ? "field field--error" : "field"}>
              <label htmlFor="fichiers">Document</label>
              <FieldError id="fichiers" error={actionData?.fieldErrors.fichiers} />
              <FilesInput error={actionData?.fieldErrors.fichiers} hintId="fichiers-aide" />
            </div>
            <button type="submit" className="button button--primary">
              Envoyer le document
            </button>
          </Form>
        </section>
      ) : null}
      {r.files.length > 0 ? (
        <section className="card" aria-labelledby="pieces">
          <h2 id="pieces">Pièces envoyées</h2>
          <ul className="link-list">
            {r.files.map((f) => (
              <li key={f.id}>
                {f.quarantined ? (
                  f.originalName
                ) : (
                  <a href={`/demandes/${r.id}/fichiers/${f.id}`} download>
                    {f.originalName}
                  </a>
                )}{" "}
                <span className="muted">
                  {f.quarantined ? "(vérification antivirus en cours)" : `(${size(f.sizeBytes)})`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <HelpLinks articles={help} />
    </article>
  );
}

/** The quote's lines: the estimate shown when it was sent, then the amounts the mutuelle confirmed. */
function QuoteAnswer({ details }: { details: QuoteDetails }) {
  const lines = details.lines;
  const confirmed = details.confirmed;
  if (lines.length === 0)
    return confirmed ? (
      <section className="card" aria-labelledby="devis-montants">
        <h2 id="devis-montants">Prise en charge confirmée par votre mutuelle</h2>
        <p>
          <strong>
            Total pris en charge : <Money cents={confirmed.totalCents} />
          </strong>
          {confirmed.note ? ` — ${confirmed.note}` : ""}
        </p>
      </section>
    ) : (
      <p className="muted">Devis envoyé sans estimation : votre mutuelle vous répondra avec sa prise en charge.</p>
    );
  return (
    <section className="card table-card" aria-labelledby="devis-montants">
      <h2 id="devis-montants">
        {confirmed ? "Prise en charge confirmée par votre mutuelle" : "Estimation de votre devis"}
      </h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Montants du devis, ligne par ligne</caption>
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col">Quantité</th>
              <th scope="col">Prix</th>
              <th scope="col">Estimation</th>
              {confirmed ? <th scope="col">Confirmé</th> : null}
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => {
              const quantity = l.quantity ?? 1;
              return (
                <tr key={i}>
                  <th scope="row">{l.label}</th>
                  <td>{quantity}</td>
                  <td>
                    <Money cents={l.chargedCents} />
                    {quantity > 1 ? (
                      <>
                        {" "}
                        (<Money cents={Math.round(l.chargedCents / quantity)} /> l'unité)
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Money cents={l.amcCents} />
                  </td>
                  {confirmed ? (
                    <td>
                      <Money cents={confirmed.amcCents[i] ?? 0} />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {confirmed ? (
        <p>
          <strong>
            Total pris en charge : <Money cents={confirmed.totalCents} />
          </strong>
          {confirmed.note ? ` — ${confirmed.note}` : ""}
        </p>
      ) : null}
    </section>
  );
}
