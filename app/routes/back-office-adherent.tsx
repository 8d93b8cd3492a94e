// One member's file for an advisor, read-only: contract, people covered, bank accounts (masked), latest
import { MaskedIban } from "../components/masked-iban.tsx";
import { PeopleTable } from "../components/member-file-people.tsx";
// démarches, payments and messagerie threads. Every view is audited and shown to the member.
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { isMemberNumber } from "../modules/back-office/member-search.ts";
import { getMemberFile, lockedLogins, unlockMemberLogin } from "../modules/back-office/members.server.ts";
import { endLegalRepresentative, listLegalRepresentatives } from "../modules/carers/legal-representatives.server.ts";
import { can } from "../modules/back-office/permissions.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { textField } from "../modules/forms/form-data.ts";
import { data, Form, redirect } from "react-router";
import { categoryLabel, subjectLabel } from "../modules/messaging/categories.ts";
import { requestKindLabels, requestStatusLabels, type RequestStatus } from "../modules/requests/labels.ts";
import { careRequestLabel, careTypeLabel } from "../modules/shared/care-types.ts";
import { formatDate, formatEuros } from "../modules/shared/format.ts";
import type { Route } from "./+types/back-office-adherent";
import { getMessageCatalog } from "../modules/messaging/categories.server.ts";
import { getPaperlessChoice } from "../modules/notifications/preferences.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Adhérent ${loaderData.memberNumber} – Espace conseiller` : "Adhérent – Espace conseiller" },
];

const day = new Intl.DateTimeFormat("fr-FR", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  timeZone: "Europe/Paris",
});

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "members.view");
  // A malformed numéro is as unknown as a missing one, without a query.
  if (!isMemberNumber(args.params.memberNumber)) notFound();
  const { db } = args.context.get(servicesContext);
  const file = await getMemberFile(db, advisor, args.params.memberNumber, args.context.get(requestContext).ip);
  if (!file) notFound();
  const catalog = await getMessageCatalog(db);
  const paperless = await getPaperlessChoice(db, file.memberNumber);
  const representatives = await listLegalRepresentatives(
    db,
    file.memberNumber,
    args.context.get(servicesContext).clock.today(),
  );
  const holder = file.people.find((p) => p.role === "member");
  const locked = await lockedLogins(db, file.memberNumber);
  return {
    locked: locked.map((l) => ({
      personId: l.personId,
      name: `${l.firstName} ${l.lastName}`,
      since: day.format(l.since),
    })),
    unlocked: new URL(args.request.url).searchParams.has("debloque"),
    memberNumber: file.memberNumber,
    name: holder ? `${holder.firstName} ${holder.lastName}` : "—",
    email: file.email,
    paperless: paperless.paperless
      ? `Oui, depuis le ${day.format(paperless.changedAt ?? new Date(0))}`
      : paperless.changedAt
        ? `Non (choix du ${day.format(paperless.changedAt)})`
        : "Non (aucun choix enregistré)",
    contract: file.contract,
    people: file.people,
    representatives,
    mayEndRepresentative: can(advisor.role, "beneficiaries.decide"),
    bankAccounts: file.bankAccounts,
    pendingBankChanges: file.pendingBankChanges.map((c) => ({
      ...c,
      requestedAt: day.format(c.requestedAt),
      effectiveAt: day.format(c.effectiveAt),
    })),
    requests: file.requests.map((r) => ({
      id: r.id,
      reference: r.reference,
      what:
        r.kind === "claim"
          ? careRequestLabel(r.careType)
          : (requestKindLabels[r.kind as keyof typeof requestKindLabels] ?? "Démarche"),
      status: requestStatusLabels[r.status as RequestStatus] ?? r.status,
      createdAt: day.format(r.createdAt),
    })),
    payments: file.payments,
    threads: file.threads.map((t) => ({
      id: t.id,
      subject: subjectLabel(catalog, t.category, t.subject),
      category: categoryLabel(catalog, t.category),
      status: t.status === "open" ? "En cours" : "Traité",
      lastMessageAt: day.format(t.lastMessageAt),
    })),
  };
}

/**
 * Two actions on the member file: unlocking a login the hard ceiling of failed sign-ins locked (once the advisor
 * has checked who is calling), and, for a gestionnaire, ending a legal representative's access (the measure
 * lifted, on the new judgment).
 */
export async function action(args: Route.ActionArgs) {
  const advisor = await requirePermission(args, "members.view");
  if (!isMemberNumber(args.params.memberNumber)) notFound();
  const services = args.context.get(servicesContext);
  const ip = args.context.get(requestContext).ip;
  const form = await args.request.formData();
  const intent = textField(form, "intent");
  try {
    if (intent === "unlock") {
      await unlockMemberLogin(
        { db: services.db, limiter: services.signInLimiter },
        advisor,
        args.params.memberNumber,
        textField(form, "personId", 40),
        ip,
      );
      return redirect(`/back-office/adherents/${args.params.memberNumber}?debloque=1`);
    }
    if (intent === "end_representative") {
      // Like every page a role may not use: as if it did not exist (requirePermission's answer).
      if (!can(advisor.role, "beneficiaries.decide")) notFound();
      await endLegalRepresentative(services.db, advisor, args.params.memberNumber, textField(form, "grantId", 40), ip);
      return redirect(`/back-office/adherents/${args.params.memberNumber}?representant-retire`);
    }
  } catch (error) {
    return appErrorAnswer(error, (refusal) => ({ error: refusal.message }));
  }
  return data({ error: "Action inconnue." }, { status: 400 });
}

export default function MemberFilePage({ loaderData: d, actionData }: Route.ComponentProps) {
  return (
    <div className="account">
      <p>
        <a href="/back-office/adherents">← Rechercher un adhérent</a>
      </p>
      <h1>{`${d.name} — adhérent n° ${d.memberNumber}`}</h1>
      <p className="muted">Consultation enregistrée : l'adhérent la voit dans son espace.</p>
      {d.unlocked && !actionData ? (
        <div className="alert alert--info" role="status">
          Connexion débloquée : la personne peut de nouveau se connecter.
        </div>
      ) : null}
      {actionData?.error ? (
        <div className="alert alert--error" role="alert">
          {actionData.error}
        </div>
      ) : null}
      {d.locked.length > 0 ? (
        <section className="card" aria-labelledby="connexion-suspendue">
          <h2 id="connexion-suspendue">Connexion suspendue</h2>
          <p>
            Après de trop nombreuses tentatives de connexion, les connexions sont suspendues. La personne a reçu un lien
            de déblocage par e-mail. Débloquez seulement après avoir vérifié que vous parlez bien à elle.
          </p>
          <ul>
            {d.locked.map((l) => (
              <li key={l.personId}>
                {`${l.name}, depuis le ${l.since} `}
                <Form method="post">
                  <input type="hidden" name="intent" value="unlock" />
                  <input type="hidden" name="personId" value={l.personId} />
                  <button type="submit" className="button">
                    {`Débloquer la connexion de ${l.name}`}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="contrat">
        <h2 id="contrat">Contrat</h2>
        <dl className="detail-list">
          <div>
            <dt>Niveau de garantie</dt>
            <dd>{d.contract.coverageLevel}</dd>
          </div>
          <div>
            <dt>Début du contrat</dt>
            <dd>{formatDate(d.contract.coverageStart)}</dd>
          </div>
          {d.contract.coverageEnd ? (
            <div>
              <dt>Fin du contrat</dt>
              <dd>{formatDate(d.contract.coverageEnd)}</dd>
            </div>
          ) : null}
          <div>
            <dt>Cotisation mensuelle</dt>
            <dd>{formatEuros(d.contract.premiumMonthlyCents)}</dd>
          </div>
          <div>
            <dt>Adresse e-mail</dt>
            <dd>{d.email ?? "—"}</dd>
          </div>
          <div>
            <dt>Zéro papier</dt>
            <dd>{d.paperless}</dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="personnes">
        <h2 id="personnes">Personnes couvertes</h2>
        <PeopleTable people={d.people} />
        <h3>Représentants légaux</h3>
        {d.representatives.length === 0 ? (
          <p>Aucun représentant légal enregistré.</p>
        ) : (
          <ul className="item-list">
            {d.representatives.map((r) => (
              <li key={r.id}>
                {`${r.measureLabel} de ${r.forName} : ${r.carerName} (${r.carerEmail}), jusqu'au ${formatDate(r.endsOn)} — ${r.state}`}
                {r.live && d.mayEndRepresentative ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="end_representative" />
                    <input type="hidden" name="grantId" value={r.id} />
                    <button type="submit" className="button button--quiet">
                      Mettre fin à l'accès<span className="visually-hidden"> de {r.carerName}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={`/back-office/adherents/${d.memberNumber}/representant-legal`}>
            Enregistrer un représentant légal (tutelle, curatelle) sur jugement
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="banque">
        <h2 id="banque">Coordonnées bancaires</h2>
        {d.bankAccounts.length === 0 ? (
          <p>Aucun compte enregistré.</p>
        ) : (
          <dl className="detail-list">
            {d.bankAccounts.map((a) => (
              <div key={a.usedFor}>
                <dt>{a.usedFor}</dt>
                <dd>
                  <MaskedIban value={a.ibanMasked} /> ({a.holderName})
                </dd>
              </div>
            ))}
          </dl>
        )}
        {d.pendingBankChanges.length > 0 ? (
          <>
            <h3>Changements en attente</h3>
            <ul className="link-list">
              {d.pendingBankChanges.map((c) => (
                <li key={c.usedFor}>
                  {`${c.usedFor} : nouveau compte `}
                  <MaskedIban value={c.ibanMasked} lead="se terminant par" />
                  {`, demandé le ${c.requestedAt}, effectif le ${c.effectiveAt}`}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">Aucun changement de coordonnées bancaires en attente.</p>
        )}
      </section>

      <section className="card" aria-labelledby="demarches">
        <h2 id="demarches">Dernières démarches</h2>
        {d.requests.length === 0 ? (
          <p>Aucune démarche.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Tableau des dernières démarches">
            <table>
              <caption className="visually-hidden">Dernières démarches, la plus récente en premier</caption>
              <thead>
                <tr>
                  <th scope="col">Référence</th>
                  <th scope="col">Démarche</th>
                  <th scope="col">Envoyée le</th>
                  <th scope="col">Statut</th>
                </tr>
              </thead>
              <tbody>
                {d.requests.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <a href={`/back-office/demandes/${r.id}`}>{r.reference}</a>
                    </td>
                    <td>{r.what}</td>
                    <td>{r.createdAt}</td>
                    <td>{r.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="paiements">
        <h2 id="paiements">Derniers remboursements</h2>
        {d.payments.length === 0 ? (
          <p>Aucun remboursement.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Tableau des derniers remboursements">
            <table>
              <caption className="visually-hidden">Derniers remboursements, le plus récent en premier</caption>
              <thead>
                <tr>
                  <th scope="col">Payé le</th>
                  <th scope="col">Soin</th>
                  <th scope="col">Bénéficiaire</th>
                  <th scope="col">Date des soins</th>
                  <th scope="col">Part de la mutuelle</th>
                  <th scope="col">Contrôle du calcul</th>
                </tr>
              </thead>
              <tbody>
                {d.payments.map((p) => (
                  <tr key={p.id}>
                    <td>{formatDate(p.paymentDate)}</td>
                    <td>{careTypeLabel(p.careType)}</td>
                    <td>{p.beneficiary}</td>
                    <td>{formatDate(p.careDate)}</td>
                    <td>{formatEuros(p.amcCents)}</td>
                    <td>
                      {p.pricingCheck.flagged ? <strong>{p.pricingCheck.text}</strong> : p.pricingCheck.text}
                      {p.pricingCheck.steps.length > 0 ? (
                        <details>
                          <summary>Calcul du moteur de garanties</summary>
                          <ol>
                            {p.pricingCheck.steps.map((step) => (
                              <li key={step}>{step}</li>
                            ))}
                          </ol>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="messagerie">
        <h2 id="messagerie">Messagerie</h2>
        {d.threads.length === 0 ? (
          <p>Aucun échange.</p>
        ) : (
          <ul className="link-list">
            {d.threads.map((t) => (
              <li key={t.id}>
                <a href={`/back-office/messagerie/${t.id}`}>{t.subject}</a>
                <span className="muted">{` — ${t.category}, ${t.status}, dernier message le ${t.lastMessageAt}`}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
