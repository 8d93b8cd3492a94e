import { servicesContext } from "../context.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/confidentialite";
import { RetentionTable } from "../components/retention-table.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Politique de confidentialité – Espace adhérent" }];

// Public on purpose: the information of articles 13 and 14 of the GDPR must be readable before signing in.
// The mutuelle's own facts come from the brand file; the rights and the CNIL complaint are the law's.
export function loader(args: Route.LoaderArgs) {
  const { brand, env } = args.context.get(servicesContext);
  return {
    name: brand.name,
    privacy: brand.privacy,
    publisher: brand.legalNotice.publisher,
    formerMemberAccessYears: env.FORMER_MEMBER_ACCESS_YEARS,
  };
}

export default function PrivacyNotice({ loaderData: d }: Route.ComponentProps) {
  const p = d.privacy;
  return (
    <div className="statement">
      <h1>Politique de confidentialité</h1>
      <p>Mise à jour le {formatDate(p.updatedOn)}.</p>

      <h2>Qui est responsable de vos données</h2>
      <p>
        {d.publisher.name}, {d.publisher.address}, est responsable du traitement des données de votre espace adhérent.
      </p>
      <p>
        Pour toute question sur vos données ou pour exercer vos droits, écrivez à notre délégué à la protection des
        données (DPO) : <a href={`mailto:${p.dpo.email}`}>{p.dpo.email}</a>, ou par courrier : {p.dpo.address}.
      </p>

      <h2>Pourquoi nous utilisons vos données</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Finalités et bases légales">
        <table>
          <caption>Finalités et bases légales</caption>
          <thead>
            <tr>
              <th scope="col">Pour quoi faire</th>
              <th scope="col">Base légale</th>
            </tr>
          </thead>
          <tbody>
            {p.purposes.map((x) => (
              <tr key={x.purpose}>
                <td>
                  {x.purpose}
                  {x.detail ? <p className="muted">{x.detail}</p> : null}
                </td>
                <td>{x.legalBasis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Combien de temps nous les gardons</h2>
      <RetentionTable retention={p.retention} />

      <h3>Après la fin de votre contrat</h3>
      <p>
        Après une résiliation, vous gardez l'accès à votre espace adhérent et à vos documents (relevés de
        remboursements, attestations de cotisations, échéanciers) pendant {d.formerMemberAccessYears} ans après le
        dernier jour couvert par votre contrat : le temps de réclamer un remboursement (2 ans, article L221-11 du code
        de la mutualité) et de justifier vos cotisations auprès de l'administration fiscale (jusqu'à la fin de la
        troisième année qui suit, article L169 du livre des procédures fiscales). Votre accès est ensuite fermé ; vos
        données restent conservées pendant les durées ci-dessus, et vous pouvez nous demander un document ou exercer vos
        droits en écrivant au délégué à la protection des données.
      </p>

      <h2>Qui les reçoit</h2>
      <ul>
        {p.recipients.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>

      <h2>Transferts hors de l'Union européenne</h2>
      <p>{p.transfers}</p>

      <h2>Vos droits</h2>
      <p>Vous pouvez, à tout moment :</p>
      <ul>
        <li>
          accéder à vos données et en recevoir une copie dans un format ouvert (droit d'accès et à la portabilité) ;
        </li>
        <li>faire corriger une donnée inexacte (droit de rectification) ;</li>
        <li>demander l'effacement de vos données, dans la limite de ce que la loi nous oblige à garder ;</li>
        <li>demander la limitation d'un traitement, ou vous y opposer lorsqu'il repose sur notre intérêt légitime ;</li>
        <li>
          retirer votre consentement, par exemple aux notifications, sans que cela remette en cause ce qui a été fait ;
        </li>
        <li>donner des directives sur le sort de vos données après votre décès.</li>
      </ul>
      <p>
        Une fois connecté, la page <a href="/mon-compte/donnees-personnelles">Mes données personnelles</a> vous permet
        de télécharger vos données et d'envoyer ces demandes. Vous pouvez aussi écrire au délégué à la protection des
        données. Nous répondons dans un délai d'un mois.
      </p>

      <h2>Réclamation auprès de la CNIL</h2>
      <p>
        Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission
        nationale de l'informatique et des libertés (CNIL) : en ligne sur cnil.fr (rubrique « Adresser une plainte »),
        ou par courrier à la CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.
      </p>
    </div>
  );
}
