import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import { Form, redirect } from "react-router";
import { MaskedIban } from "../components/masked-iban.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { getBankDetails } from "../modules/banking/changes.server.ts";
import { cancelBankChangeByMember } from "../modules/banking/settle.server.ts";
import { ribMeanwhile } from "../modules/banking/rib-wording.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/coordonnees-bancaires";
import { textField } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Mes informations bancaires – Espace adhérent" }];

// The contract holder (every account of the contract) and a beneficiary with their own access (their own
// reimbursement account only: banking/changes.server.ts narrows by the viewer). Never delegable to a carer.
export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "bank");
  const { db, clock } = args.context.get(servicesContext);
  const details = await getBankDetails(db, clock, viewer);
  const params = new URL(args.request.url).searchParams;
  return {
    ...details,
    sent: params.get("demande"),
    cancelled: params.has("annule"),
    help: await helpForPage(db, "coordonnees-bancaires"),
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireScope(args, "bank");
  const form = await args.request.formData();
  await cancelBankChangeByMember(
    args.context.get(servicesContext),
    viewer,
    textField(form, "changeId", 40),
    args.context.get(requestContext).ip,
  );
  return redirect("/ma-mutuelle/coordonnees-bancaires?annule");
}

function Account({ account }: { account: { holderName: string; ibanMasked: string } }) {
  return (
    <dl className="detail-list">
      <div>
        <dt>Titulaire du compte</dt>
        <dd>{account.holderName}</dd>
      </div>
      <div>
        <dt>IBAN</dt>
        <dd>
          <span className="iban">
            <MaskedIban value={account.ibanMasked} />
          </span>
        </dd>
      </div>
    </dl>
  );
}

export default function BankDetails({ loaderData: d }: Route.ComponentProps) {
  const pendingFor = (personId: string | null) => d.pending.find((p) => p.personId === personId);
  const PendingNote = ({
    personId,
    firstName = null,
    hasCurrentAccount,
  }: {
    personId: string | null;
    firstName?: string | null;
    hasCurrentAccount: boolean;
  }) => {
    const p = pendingFor(personId);
    if (!p) return null;
    return (
      <div className="alert alert--info">
        <p>
          Nouveau compte en attente ({p.reference}) : <MaskedIban value={p.ibanMasked} />, titulaire {p.holderName}. Par
          sécurité, il sera utilisé à partir du {p.effectiveLabel} ;{" "}
          {ribMeanwhile({ beneficiaryFirstName: firstName, hasCurrentAccount, own: d.ownOnly })}
        </p>
        <Form method="post">
          <input type="hidden" name="changeId" value={p.id} />
          <button type="submit" className="button button--quiet">
            Annuler ce changement
          </button>
        </Form>
      </div>
    );
  };
  return (
    <div className="bank-details">
      <h1>Mes informations bancaires</h1>
      {d.sent ? (
        <div className="alert alert--info" role="status">
          Votre nouveau RIB est enregistré (démarche {d.sent}). Un e-mail de sécurité vous a été envoyé ; vous suivez la
          demande dans <a href="/demandes">Mes démarches</a>.
        </div>
      ) : null}
      {d.cancelled ? (
        <div className="alert alert--info" role="status">
          Le changement est annulé : le compte précédent reste utilisé.
        </div>
      ) : null}
      {d.ownOnly ? (
        d.beneficiaries.map((b) => (
          <section key={b.personId} className="card" aria-labelledby="mes-remboursements">
            <h2 id="mes-remboursements">Mes remboursements</h2>
            <p>
              Ce compte reçoit vos remboursements de soins. Les cotisations du contrat restent prélevées sur le compte
              de l'adhérent du contrat.
            </p>
            {b.account ? (
              <Account account={b.account} />
            ) : (
              <p>Vos remboursements sont versés sur le compte du contrat.</p>
            )}
            <PendingNote personId={b.personId} firstName={b.firstName} hasCurrentAccount={b.account !== null} />
            {pendingFor(b.personId) ? null : (
              <a className="button" href={`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${b.personId}`}>
                {b.account ? "Modifier mon compte" : "Saisir mon RIB"}
              </a>
            )}
          </section>
        ))
      ) : (
        <>
          <section className="card" aria-labelledby="contrat">
            <h2 id="contrat">Contrat santé : cotisations et remboursements</h2>
            {d.contract ? <Account account={d.contract} /> : <p>Aucun compte enregistré.</p>}
            <PendingNote personId={null} hasCurrentAccount={d.contract !== null} />
            {pendingFor(null) ? null : (
              <a className="button" href="/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat">
                Modifier<span className="visually-hidden"> le compte du contrat</span>
              </a>
            )}
          </section>
          <section className="card" aria-labelledby="beneficiaires">
            <h2 id="beneficiaires">Remboursements des bénéficiaires</h2>
            <ul className="item-list">
              {d.beneficiaries.map((b) => (
                <li key={b.personId} className="bank-beneficiary">
                  <h3>
                    {b.firstName} {b.lastName}
                  </h3>
                  <p className="muted">Début de couverture : {formatDate(b.coverageStart)}</p>
                  {b.account ? (
                    <Account account={b.account} />
                  ) : (
                    <p>Ses remboursements sont versés sur le compte du contrat.</p>
                  )}
                  <PendingNote personId={b.personId} firstName={b.firstName} hasCurrentAccount={b.account !== null} />
                  {pendingFor(b.personId) ? null : (
                    <a
                      className="button button--quiet"
                      href={`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${b.personId}`}
                    >
                      {b.account ? "Modifier" : "Saisir un RIB"}
                      <span className="visually-hidden"> pour {b.firstName}</span>
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
      <aside className="card tip" aria-labelledby="changement-situation">
        <h2 id="changement-situation">Un changement de situation ?</h2>
        <p>
          Vous pouvez aussi modifier vos coordonnées depuis la rubrique <a href="/mon-compte">« Mon compte »</a>.
        </p>
      </aside>
      <section className="card" aria-labelledby="securite">
        <h2 id="securite">Votre sécurité</h2>
        <p>
          Chaque changement de RIB vous demande de confirmer votre identité, vous est signalé par un e-mail qui ne peut
          pas être désactivé, et n'est appliqué qu'après un délai de sécurité pendant lequel vous pouvez l'annuler.
        </p>
      </section>
      <HelpLinks articles={d.help} />
    </div>
  );
}
