import { servicesContext } from "../context.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/accessibilite";

export const meta: Route.MetaFunction = () => [{ title: "Déclaration d'accessibilité – Espace adhérent" }];

// Public on purpose: the statement and the way to report a problem must be reachable without signing in.
export function loader(args: Route.LoaderArgs) {
  const { brand } = args.context.get(servicesContext);
  return { name: brand.name, accessibility: brand.accessibility, phone: brand.phones[0] ?? null };
}

// The structure follows the model statement of the RGAA 4.1 (État de conformité, Résultats des tests, Contenus
// non accessibles, Établissement de cette déclaration, Retour d'information et contact, Voies de recours).
export default function AccessibilityStatement({ loaderData: d }: Route.ComponentProps) {
  const a = d.accessibility;
  return (
    <div className="statement">
      <h1>Déclaration d'accessibilité</h1>
      <p>
        {d.name} s'engage à rendre son espace adhérent accessible conformément à l'article 47 de la loi n° 2005-102 du
        11 février 2005.
      </p>
      <p>
        Cette déclaration d'accessibilité s'applique à l'espace adhérent (espace en ligne des adhérents et de leurs
        bénéficiaires).
      </p>

      <h2>État de conformité</h2>
      <p>
        L'espace adhérent est <strong>{a.status}</strong> avec le référentiel général d'amélioration de l'accessibilité
        (RGAA), version 4.1
        {a.status === "partiellement conforme" ? ", en raison des non-conformités énumérées ci-dessous" : ""}.
      </p>

      <h2>Résultats des tests</h2>
      {a.audit ? (
        <p>
          L'audit du {formatDate(a.audit.date)}, réalisé par {a.audit.by}, révèle que {a.audit.conformityRate} % des
          critères du RGAA version 4.1 sont respectés.
        </p>
      ) : (
        <p>Aucun audit de conformité n'a encore été réalisé.</p>
      )}

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      {a.nonConformities.length > 0 ? (
        <ul>
          {a.nonConformities.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : (
        <p>Aucune non-conformité connue.</p>
      )}
      <h3>Dérogations pour charge disproportionnée</h3>
      {a.derogations.length > 0 ? (
        <ul>
          {a.derogations.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : (
        <p>Aucune.</p>
      )}

      <h2>Établissement de cette déclaration</h2>
      <p>
        {a.statementDate
          ? `Cette déclaration a été établie le ${formatDate(a.statementDate)}.`
          : "Cette déclaration n'a pas encore été datée."}
      </p>
      <p>Technologies utilisées : HTML, CSS, JavaScript (facultatif : chaque service fonctionne sans), SVG, PDF.</p>

      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez nous le signaler pour être orienté
        vers une alternative accessible ou obtenir le contenu sous une autre forme :
      </p>
      <ul>
        {a.contact.email ? (
          <li>
            par courriel : <a href={`mailto:${a.contact.email}`}>{a.contact.email}</a>
          </li>
        ) : null}
        {d.phone ? (
          <li>
            par téléphone : {d.phone.number} ({d.phone.hours})
          </li>
        ) : null}
        <li>
          si vous êtes connecté, par la <a href="/messagerie/nouveau">messagerie</a>
        </li>
        {a.contact.address ? <li>par courrier : {a.contact.address}</li> : null}
      </ul>

      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou à un service, que vous nous
        l'avez signalé et que vous n'avez pas obtenu de réponse satisfaisante, vous êtes en droit de saisir le Défenseur
        des droits :
      </p>
      <ul>
        <li>en écrivant un message au Défenseur des droits par son formulaire en ligne (defenseurdesdroits.fr) ;</li>
        <li>en contactant le délégué du Défenseur des droits dans votre région ;</li>
        <li>par téléphone : 09 69 39 00 00 ;</li>
        <li>
          par courrier (gratuit, sans affranchissement) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX
          07.
        </li>
      </ul>
    </div>
  );
}
