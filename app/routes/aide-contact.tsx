import { servicesContext } from "../context.ts";
import { getViewer } from "../guards.server.ts";
import type { Route } from "./+types/aide-contact";

export const meta: Route.MetaFunction = () => [{ title: "Aide et contact – Espace adhérent" }];

// Public on purpose: a member who cannot sign in needs the phone numbers most.
export async function loader(args: Route.LoaderArgs) {
  const { brand } = args.context.get(servicesContext);
  const viewer = await getViewer(args);
  return { phones: brand.phones, agencies: brand.agencies, name: brand.name, signedIn: viewer?.kind === "member" };
}

const onlineServices = [
  {
    href: "/demandes/nouvelle",
    label: "Demander un remboursement",
    text: "Envoyez une facture et suivez son traitement.",
  },
  {
    href: "/devis/nouveau",
    label: "Envoyer un devis",
    text: "Dentaire, optique, audition : connaissez votre reste à charge avant les soins.",
  },
  {
    href: "/remboursements",
    label: "Suivre mes remboursements",
    text: "Tous vos paiements, par mois et par bénéficiaire.",
  },
  {
    href: "/documents",
    label: "Télécharger un document",
    text: "Carte de tiers payant, attestation, tableau de garanties.",
  },
  {
    href: "/ma-mutuelle/coordonnees-bancaires",
    label: "Modifier mon RIB",
    text: "Le compte sur lequel vous êtes remboursé.",
  },
  {
    href: "/ma-mutuelle/beneficiaires",
    label: "Gérer mes bénéficiaires",
    text: "Ajouter ou retirer une personne couverte.",
  },
  {
    href: "/messagerie/nouveau",
    label: "Écrire à un conseiller",
    text: "Vous ne trouvez pas de réponse en ligne ? Écrivez-nous.",
  },
];

export default function HelpAndContact({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="help">
      <h1>Aide et contact</h1>

      <section aria-labelledby="services">
        <h2 id="services">Vos démarches en ligne</h2>
        {d.signedIn ? null : (
          <p>
            <a href="/connexion">Connectez-vous</a> pour accéder à ces services.
          </p>
        )}
        <ul className="tile-list">
          {onlineServices.map((s) => (
            <li key={s.href} className="tile">
              <a href={s.href}>{s.label}</a>
              <p>{s.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="telephone">
        <h2 id="telephone">Nous appeler</h2>
        <ul className="tile-list">
          {d.phones.map((phone) => (
            <li key={phone.label} className="tile">
              <h3>{phone.label}</h3>
              <p className="phone">
                <a href={`tel:${phone.number.replace(/[^+\d]/g, "")}`}>{phone.number}</a>
              </p>
              <p>{phone.hours}</p>
              {phone.note ? <p className="muted">{phone.note}</p> : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="agences">
        <h2 id="agences">Nos agences</h2>
        <ul className="tile-list">
          {d.agencies.map((agency) => (
            <li key={agency.name} className="tile">
              <h3>{agency.name}</h3>
              <address>
                {agency.address.map((line) => (
                  <span key={line}>
                    {line}
                    <br />
                  </span>
                ))}
                {agency.postcode} {agency.city}
              </address>
              <h4>Horaires d'ouverture</h4>
              <dl className="hours">
                {agency.hours.map((h) => (
                  <div key={h.days}>
                    <dt>{h.days}</dt>
                    <dd>{h.hours}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
