import { data, redirect } from "react-router";
import { AdhesionDecision, PreviousContract } from "../components/adhesion-decision.tsx";
import { ErrorSummary } from "../components/error-summary.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { friendlyIban } from "../modules/banking/iban.ts";
import { parseForm, textField } from "../modules/forms/form-data.ts";
import { documentRequestSchema, requestDocument } from "../modules/offer/adhesion-documents.server.ts";
import {
  cancellationSentOn,
  insurerAnswerSchema,
  markCancellationSent,
  recordInsurerAnswer,
} from "../modules/offer/cancellation-letter.server.ts";
import { coverageJoin } from "../modules/offer/previous-contract.ts";
import { beneficiaryRoleLabels } from "../modules/offer/adhesion-rules.ts";
import { getAdhesionForReview } from "../modules/offer/adhesion-queue.server.ts";
import { acceptAdhesion, refuseAdhesion } from "../modules/offer/adhesion-review.server.ts";
import { journeyPrice } from "../modules/offer/journey.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { recordAudit } from "../modules/audit/audit.server.ts";
import { formatDate, formatEuros } from "../modules/shared/format.ts";
import type { AppServices } from "../services.server.ts";
import type { Route } from "./+types/back-office-adhesion";

export const meta: Route.MetaFunction = () => [{ title: "Adhésion en ligne – Espace conseiller" }];

const statusLabels = {
  in_progress: "En cours",
  signed: "Signée, à vérifier",
  document_requested: "Pièce demandée, en attente de la personne",
  accepted: "Acceptée",
  refused: "Refusée",
};

function reviewDeps(services: AppServices) {
  return {
    ...services,
    debitDay: services.brand.amc.debitDay,
    creditorId: services.env.SEPA_CREDITOR_ID,
  };
}

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "contracts.decide");
  const services = args.context.get(servicesContext);
  const review = await getAdhesionForReview(services, args.params.id);
  if (!review) notFound();
  // The NIRs and IBANs are shown in clear: each look is in the audit log.
  await recordAudit(services.db, {
    action: "backoffice.affiliation_viewed",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: null,
    ipAddress: args.context.get(requestContext).ip,
    details: { journeyId: review.id },
  });
  const price = journeyPrice(services.tariffs, review);
  const tariff = services.tariffs.find((t) => t.level === review.level);
  // The confirmation after the letter is marked sent or the insurer's answer recorded (a redirect back here, to
  // #resiliation: the box is in that section, where the page opens).
  const done = new URL(args.request.url).searchParams.get("resiliation");
  return {
    notice:
      done === "reponse"
        ? "Réponse de l'organisme enregistrée."
        : done === "envoyee"
          ? "Lettre marquée comme envoyée."
          : null,
    a: {
      id: review.id,
      status: review.status,
      email: review.email,
      identity: review.identity,
      nir: review.nir,
      address: review.address,
      beneficiaries: review.beneficiaries.map((b, i) => ({ ...b, nir: review.beneficiaryNirs[i] ?? null })),
      levelLabel: tariff?.label ?? review.level,
      monthlyCents: price?.monthlyCents ?? null,
      files: review.files,
      bank: review.bank,
      debitIban: review.debitIban ? friendlyIban(review.debitIban) : null,
      refundIban: review.refundIban ? friendlyIban(review.refundIban) : null,
      mandateRef: review.mandateRef,
      signedOn: review.signedAt ? services.clock.dateOf(review.signedAt) : null,
      signedSha256: review.signedSha256,
      consents: review.consents ?? [],
      refusalReason: review.refusalReason,
      documentRequest: review.documentRequest,
      previousContract: review.previousContract,
      cancellationSentOn: review.cancellationSentAt ? services.clock.dateOf(review.cancellationSentAt) : null,
      cancellationAnswer: review.cancellationAnswer,
      // The former contract's last covered day against the new start: covered twice, or not at all, some days.
      coverageJoin:
        review.cancellationAnswer?.lastCoveredDay && review.address
          ? coverageJoin(review.cancellationAnswer.lastCoveredDay, review.address.startDate)
          : null,
      memberNumber: review.memberNumber,
      // Said while a decision is pending: once decided, the journal keeps it.
      infectedFilesDeleted:
        (review.status === "signed" || review.status === "document_requested") && review.infectedFilesDeleted.lastAt
          ? {
              count: review.infectedFilesDeleted.count,
              on: services.clock.dateOf(review.infectedFilesDeleted.lastAt),
            }
          : null,
    },
  };
}

/** What a refused form shows back (only the insurer's answer keeps its fields). */
const noValues: Record<string, string> = {};

/** The error summary's title names what was not saved: the insurer's answer has its own form. */
const summaryTitles = {
  answer: "La réponse n'a pas été enregistrée :",
  decision: "La décision n'a pas été enregistrée :",
};

export async function action(args: Route.ActionArgs) {
  const advisor = await requirePermission(args, "contracts.decide");
  const services = args.context.get(servicesContext);
  const form = await args.request.formData();
  const ip = args.context.get(requestContext).ip;
  const intent = textField(form, "intent");
  try {
    if (intent === "accepter") {
      await acceptAdhesion(reviewDeps(services), advisor, args.params.id, ip);
      return redirect("/back-office/adhesions?decision=acceptee");
    }
    if (intent === "demander_piece") {
      const parsed = parseForm(documentRequestSchema, form);
      if (!parsed.ok)
        return data({ errors: parsed.fieldErrors, values: noValues, title: summaryTitles.decision }, { status: 400 });
      await requestDocument(services, advisor, args.params.id, parsed.data.document, ip);
      return redirect("/back-office/adhesions?decision=piece");
    }
    if (intent === "resiliation_envoyee") {
      await markCancellationSent(services, advisor, args.params.id, ip);
      return redirect(`/back-office/adhesions/${args.params.id}?resiliation=envoyee#resiliation`);
    }
    if (intent === "reponse_resiliation") {
      const sentOn = await cancellationSentOn(services, args.params.id);
      if (!sentOn)
        return data(
          {
            errors: { form: "Marquez d'abord la lettre de résiliation comme envoyée." },
            values: noValues,
            title: summaryTitles.answer,
          },
          { status: 409 },
        );
      const parsed = parseForm(insurerAnswerSchema(services.clock.today(), sentOn), form);
      if (!parsed.ok)
        return data(
          { errors: parsed.fieldErrors, values: parsed.values, title: summaryTitles.answer },
          { status: 400 },
        );
      await recordInsurerAnswer(services, advisor, args.params.id, parsed.data, ip);
      return redirect(`/back-office/adhesions/${args.params.id}?resiliation=reponse#resiliation`);
    }
    if (intent === "refuser") {
      await refuseAdhesion(reviewDeps(services), advisor, args.params.id, textField(form, "reason", 1000), ip);
      return redirect("/back-office/adhesions?decision=refusee");
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "not_found") notFound();
    return data(
      {
        errors: { [error.code === "reason" ? "reason" : "form"]: error.message },
        values: noValues,
        title: intent === "reponse_resiliation" ? summaryTitles.answer : summaryTitles.decision,
      },
      { status: error.status },
    );
  }
  return data(
    { errors: { form: "Action inconnue." }, values: noValues, title: summaryTitles.decision },
    { status: 400 },
  );
}

export default function Adhesion({ loaderData: { a, notice }, actionData }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="account">
      <p>
        <a href="/back-office/adhesions">← Adhésions en ligne</a>
      </p>
      <h1>
        Adhésion de {a.identity?.firstName} {a.identity?.lastName}
      </h1>
      <p className="lead">
        {statusLabels[a.status]}
        {a.memberNumber ? `, adhérent n° ${a.memberNumber}` : ""}
        {a.signedOn ? `, signée le ${formatDate(a.signedOn)}` : ""}
      </p>
      <ErrorSummary errors={errors} title={actionData?.title ?? summaryTitles.decision} />
      <section className="card" aria-labelledby="identite">
        <h2 id="identite">Adhérent</h2>
        <dl className="detail-list">
          <div>
            <dt>Identité</dt>
            <dd>
              {a.identity?.firstName} {a.identity?.lastName}, né(e) le{" "}
              {a.identity ? formatDate(a.identity.birthDate) : ""}
            </dd>
          </div>
          <div>
            <dt>Numéro de sécurité sociale</dt>
            <dd>{a.nir}</dd>
          </div>
          <div>
            <dt>E-mail</dt>
            <dd>{a.email}</dd>
          </div>
          <div>
            <dt>Adresse</dt>
            <dd>
              {a.address?.addressLine1}, {a.address?.postalCode} {a.address?.city}
            </dd>
          </div>
          <div>
            <dt>Début du contrat</dt>
            <dd>{a.address ? formatDate(a.address.startDate) : ""}</dd>
          </div>
          <div>
            <dt>Niveau et cotisation</dt>
            <dd>
              {a.levelLabel}, {a.monthlyCents !== null ? formatEuros(a.monthlyCents) : "—"} par mois
            </dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="beneficiaires">
        <h2 id="beneficiaires">Bénéficiaires</h2>
        {a.beneficiaries.length === 0 ? (
          <p>Aucun.</p>
        ) : (
          <ul>
            {a.beneficiaries.map((b) => (
              <li key={b.id}>
                {b.firstName} {b.lastName}, {beneficiaryRoleLabels[b.role].toLowerCase()}, né(e) le{" "}
                {formatDate(b.birthDate)}, {b.nir ? `n° ${b.nir}` : "rattaché(e) au numéro de l'adhérent"}
                {b.role === "child" ? `, rang ${b.rank}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="attestation">
        <h2 id="attestation">Attestation de droits</h2>
        {a.infectedFilesDeleted ? (
          <p className="alert alert--warning">
            {a.infectedFilesDeleted.count === 1
              ? `Un fichier envoyé a été supprimé le ${formatDate(a.infectedFilesDeleted.on)} : l'antivirus y a trouvé un virus.`
              : `${a.infectedFilesDeleted.count} fichiers envoyés ont été supprimés (le dernier le ${formatDate(a.infectedFilesDeleted.on)}) : l'antivirus y a trouvé des virus.`}
            {a.files.length === 0 ? " Demandez un nouveau document à la personne avant de décider." : null}
          </p>
        ) : null}
        {a.files.length === 0 ? (
          <p>Aucun fichier.</p>
        ) : (
          <ul>
            {a.files.map((f) => (
              <li key={f.id}>
                {f.quarantined ? (
                  `${f.name} (en attente de l'analyse antivirus)`
                ) : (
                  <a href={`/back-office/adhesions/${a.id}/fichiers/${f.id}`}>Télécharger {f.name}</a>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="banque">
        <h2 id="banque">Coordonnées bancaires et mandat</h2>
        <dl className="detail-list">
          <div>
            <dt>Compte prélevé</dt>
            <dd>
              {a.bank?.holderName}, {a.debitIban}
            </dd>
          </div>
          <div>
            <dt>Remboursements</dt>
            <dd>{a.refundIban ? `${a.bank?.refundHolderName}, ${a.refundIban}` : "Sur le compte prélevé"}</dd>
          </div>
          <div>
            <dt>Mandat SEPA (RUM)</dt>
            <dd>{a.mandateRef}</dd>
          </div>
          <div>
            <dt>Empreinte du document signé</dt>
            <dd className="break-anywhere">{a.signedSha256}</dd>
          </div>
        </dl>
        <h3>Accords donnés</h3>
        <ul>
          {a.consents.map((c) => (
            <li key={c.id}>{c.text}</li>
          ))}
        </ul>
      </section>
      {a.status === "refused" ? <p>Motif du refus : {a.refusalReason}</p> : null}
      {a.previousContract ? (
        <PreviousContract
          id={a.id}
          accepted={a.status === "accepted"}
          sentOn={a.cancellationSentOn}
          answer={a.cancellationAnswer}
          join={a.coverageJoin}
          newStart={a.address?.startDate ?? null}
          errors={errors}
          values={actionData?.values}
          notice={notice}
          {...a.previousContract}
        />
      ) : null}
      {a.documentRequest ? (
        <section className="card" aria-labelledby="piece">
          <h2 id="piece">{a.status === "document_requested" ? "Pièce demandée" : "Dernière pièce demandée"}</h2>
          <p className="message__body">{a.documentRequest}</p>
          {a.status === "document_requested" ? (
            <p>La personne a reçu un lien pour l'envoyer ; l'adhésion revient dans la file à son envoi.</p>
          ) : null}
        </section>
      ) : null}
      {a.status === "signed" || a.status === "document_requested" ? (
        <AdhesionDecision signed={a.status === "signed"} errors={errors} />
      ) : null}
    </div>
  );
}
