import { data } from "react-router";
import { AroundMe, PlaceInput } from "../components/place-search.tsx";
import { servicesContext } from "../context.ts";
import { getViewer } from "../guards.server.ts";
import { ResultsMap, type MapPoint } from "../components/results-map.tsx";
import { type AgencyView, agencyViews } from "../modules/directory/agencies.ts";
import { mapSettings } from "../modules/directory/map-config.ts";
import { findPlace, type Place } from "../modules/directory/communes.ts";
import { agencyQuerySchema } from "../modules/directory/search-form.ts";
import type { Route } from "./+types/aide-contact";

export const meta: Route.MetaFunction = () => [{ title: "Aide et contact – Espace adhérent" }];

// Public on purpose: a member who cannot sign in needs the phone numbers most.
// "L'agence la plus proche": ?lieu= (postcode or town) or ?lat=&lon= (the "Autour de moi" button), else the
// agencies in the configuration's order.
export async function loader(args: Route.LoaderArgs) {
  const { brand, clock, env } = args.context.get(servicesContext);
  const viewer = await getViewer(args);
  const map = mapSettings(env);
  const base = { phones: brand.phones, name: brand.name, signedIn: viewer?.kind === "member", map };
  const params = new URL(args.request.url).searchParams;
  const parsed = agencyQuerySchema.safeParse({
    lieu: params.get("lieu") ?? undefined,
    lat: params.get("lat") || undefined,
    lon: params.get("lon") || undefined,
  });
  const now = clock.now();
  if (!parsed.success) {
    const agencies = agencyViews(brand.agencies, now, null);
    return data(
      {
        ...base,
        agencies,
        mapPoints: map ? agencyMapPoints(agencies) : [],
        lieu: "",
        from: null,
        choices: null,
        error: "Recherche invalide : saisissez un code postal ou une commune.",
      },
      { status: 400 },
    );
  }
  const q = parsed.data;
  let from: Place | null = null;
  let error: string | null = null;
  let choices: string[] | null = null;
  if (q.lat !== undefined && q.lon !== undefined) from = { label: "votre position", latitude: q.lat, longitude: q.lon };
  else if (q.lieu) {
    const found = findPlace(q.lieu);
    if (found.kind === "found") from = found.place;
    else if (found.kind === "ambiguous") choices = found.choices.map((c) => c.label);
    else error = "Commune ou code postal introuvable : vérifiez l'orthographe ou saisissez le code postal.";
  }
  const agencies = agencyViews(brand.agencies, now, from);
  const payload = {
    ...base,
    agencies,
    mapPoints: map ? agencyMapPoints(agencies) : [],
    lieu: from && from.label !== "votre position" ? from.label : q.lieu,
    from: from?.label ?? null,
    choices,
    error,
  };
  return error ? data(payload, { status: 422 }) : payload;
}

/** The map's markers (when a tile server is configured): the agencies with a position, numbered as listed. */
function agencyMapPoints(agencies: AgencyView[]): MapPoint[] {
  return agencies.flatMap((a, i) =>
    a.latitude === null || a.longitude === null
      ? []
      : [
          {
            number: i + 1,
            name: a.name,
            detail: a.distance ? `à ${a.distance}` : a.city,
            latitude: a.latitude,
            longitude: a.longitude,
            anchor: `agence-${i + 1}`,
          },
        ],
  );
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
        <form
          method="get"
          action="/aide-contact#agences"
          className="directory__form"
          role="search"
          aria-label="Agence la plus proche"
        >
          <PlaceInput
            defaultValue={d.lieu}
            error={d.error ?? undefined}
            hint="Par exemple 35000 ou Rennes : les agences les plus proches d'abord."
          />
          <button type="submit" className="button button--primary">
            Trouver l'agence la plus proche
          </button>
        </form>
        <AroundMe path="/aide-contact" params={{}} />
        {d.choices ? (
          <>
            <p>Plusieurs communes correspondent :</p>
            <ul>
              {d.choices.map((c) => (
                <li key={c}>
                  <a href={`/aide-contact?${new URLSearchParams({ lieu: c })}#agences`}>{c}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {d.from && d.agencies[0]?.distance ? (
          <p className="alert alert--info" role="status">
            {`L'agence la plus proche de ${d.from} : `}
            <strong>{d.agencies[0].name}</strong>
            {`, à ${d.agencies[0].distance}.`}
          </p>
        ) : null}
        <div className="directory__results">
          <ol className={d.map ? "tile-list numbered-list" : "tile-list"}>
            {d.agencies.map((agency, i) => (
              <li key={agency.name} id={`agence-${i + 1}`} className="tile">
                {d.map ? (
                  <span className="directory__number" aria-hidden="true">
                    {i + 1}
                  </span>
                ) : null}
                <h3>{agency.name}</h3>
                {agency.distance ? <p className="directory__meta">{`À ${agency.distance}`}</p> : null}
                {agency.status ? (
                  <p className={agency.status.open ? "agency-status agency-status--open" : "agency-status"}>
                    <strong>{agency.status.open ? "Ouvert" : "Fermé"}</strong>
                    {` maintenant · aujourd'hui (${agency.status.today}) : ${agency.status.todayHours}`}
                  </p>
                ) : null}
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
          </ol>
          <ResultsMap settings={d.map} label="Carte des agences de la liste" points={d.mapPoints} />
        </div>
      </section>
    </div>
  );
}
