import { data } from "react-router";
import { AroundMe, PlaceInput } from "../components/place-search.tsx";
import { ResultsMap } from "../components/results-map.tsx";
import { mapSettings } from "../modules/directory/map-config.ts";
import { servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { findPlace, type Place } from "../modules/directory/communes.ts";
import { coverageNotes, specialtyCoverage } from "../modules/directory/coverage.ts";
import { formatDistance } from "../modules/directory/geo.ts";
import { memberPlace } from "../modules/directory/member-place.server.ts";
import { parseSearchQuery } from "../modules/directory/search-form.ts";
import { searchNearest } from "../modules/directory/search.server.ts";
import { isSpecialtyCode, specialties, specialtyCodes } from "../modules/directory/specialties.ts";
import { guaranteeTableOn } from "../modules/guarantees/overview.server.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/professionnels";

export const meta: Route.MetaFunction = () => [{ title: "Trouver un professionnel de santé – Espace adhérent" }];

const pageSize = 20;

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db, guarantees, clock, env } = args.context.get(servicesContext);
  const map = mapSettings(env);
  const parsed = parseSearchQuery(new URL(args.request.url).searchParams);
  const options = specialtyCodes.map((code) => ({ code, label: specialties[code].label }));
  const help = await helpForPage(db, "professionnels");
  if (!parsed.ok) {
    return data(
      {
        options,
        map,
        help,
        fieldErrors: parsed.fieldErrors,
        form: { lieu: parsed.lieu, specialite: "", partenaires: false },
        result: null,
      },
      { status: 400 },
    );
  }
  const q = parsed.query;
  const form = { lieu: q.lieu, specialite: q.specialite ?? "", partenaires: q.partenaires };

  let place: Place | null = null;
  let origin: "position" | "lieu" | "adresse" = "lieu";
  if (q.lat !== undefined && q.lon !== undefined) {
    place = { label: "votre position", latitude: q.lat, longitude: q.lon };
    origin = "position";
  } else if (q.lieu) {
    const found = findPlace(q.lieu);
    if (found.kind === "unknown") {
      return data(
        {
          options,
          map,
          help,
          fieldErrors: {
            lieu: "Commune ou code postal introuvable : vérifiez l'orthographe ou saisissez le code postal.",
          },
          form,
          result: null,
        },
        { status: 422 },
      );
    }
    if (found.kind === "ambiguous") {
      return { options, map, help, fieldErrors: null, form, result: null, choices: found.choices.map((c) => c.label) };
    }
    place = found.place;
  } else {
    place = await memberPlace(db, viewer);
    origin = "adresse";
  }
  if (!place) return { options, map, help, fieldErrors: null, form, result: null };

  const today = clock.today();
  // What the guarantees pay there: the level in force today, as Mes garanties shows it (a change of level due
  // today counts before the job records it on the contract; one due later does not count yet).
  const [{ table }, found] = await Promise.all([
    guaranteeTableOn(db, guarantees, viewer, today),
    searchNearest(db, place, {
      specialty: q.specialite,
      partnersOnly: q.partenaires,
      limit: pageSize,
      offset: (q.page - 1) * pageSize,
    }),
  ]);
  return {
    options,
    map,
    help,
    fieldErrors: null,
    form: { ...form, lieu: origin === "lieu" ? place.label : form.lieu },
    position: origin === "position" ? { lat: q.lat ?? 0, lon: q.lon ?? 0 } : null,
    result: {
      place: place.label,
      origin,
      page: q.page,
      pages: Math.max(1, Math.ceil(found.total / pageSize)),
      total: found.total,
      radiusKm: found.radiusKm,
      coverage: q.specialite ? specialtyCoverage(table, q.specialite) : [],
      first: (q.page - 1) * pageSize + 1,
      // The map's markers, numbered like the list; only when a tile server is configured.
      mapPoints: map
        ? found.hits.map((h, i) => ({
            number: (q.page - 1) * pageSize + 1 + i,
            name: h.name,
            detail: `${formatDistance(h.distanceKm)}, ${h.city}`,
            latitude: h.latitude,
            longitude: h.longitude,
            anchor: `pro-${h.id}`,
          }))
        : [],
      hits: found.hits.map((h) => ({
        id: h.id,
        name: h.name,
        address: h.address,
        postcode: h.postcode,
        city: h.city,
        phone: h.phone,
        distance: formatDistance(h.distanceKm),
        specialties: h.specialties.filter(isSpecialtyCode).map((c) => specialties[c].label),
        partner: h.partner,
        offer100Sante: h.offer100Sante,
        tiersPayant: h.tiersPayant,
        accessible: h.accessible,
        notes: coverageNotes(table, h.specialties, h),
      })),
    },
  };
}

type Data = Route.ComponentProps["loaderData"];

function pageHref(d: Data, page: number): string {
  const params = new URLSearchParams();
  if ("position" in d && d.position) {
    params.set("lat", String(d.position.lat));
    params.set("lon", String(d.position.lon));
  } else if (d.form.lieu) params.set("lieu", d.form.lieu);
  if (d.form.specialite) params.set("specialite", d.form.specialite);
  if (d.form.partenaires) params.set("partenaires", "1");
  params.set("page", String(page));
  return `/professionnels?${params}`;
}

export default function Professionals({ loaderData: d }: Route.ComponentProps) {
  const errors: Record<string, string> | null = d.fieldErrors;
  const choices = "choices" in d ? d.choices : undefined;
  const r = d.result;
  return (
    <div className="directory">
      <h1>Trouver un professionnel de santé</h1>
      <p className="lead">
        Opticiens, audioprothésistes, dentistes, pharmacies… du réseau partenaire et au-delà, les plus proches d'abord,
        avec ce que vos garanties paient chez eux.
      </p>

      <form
        method="get"
        action="/professionnels"
        className="directory__form"
        role="search"
        aria-label="Recherche de professionnels"
      >
        <div className="field">
          <label htmlFor="specialite">Spécialité</label>
          <select id="specialite" name="specialite" defaultValue={d.form.specialite}>
            <option value="">Toutes les spécialités</option>
            {d.options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
          {errors?.specialite ? <p className="field__error">{errors.specialite}</p> : null}
        </div>
        <PlaceInput
          defaultValue={d.form.lieu}
          error={errors?.lieu}
          hint="Par exemple 69003 ou Lyon. Laissez vide pour chercher autour de votre adresse."
        />
        <p>
          <label className="choice">
            <input name="partenaires" type="checkbox" value="1" defaultChecked={d.form.partenaires} /> Réseau partenaire
            seulement
          </label>
        </p>
        <button type="submit" className="button button--primary">
          Rechercher
        </button>
      </form>
      <AroundMe
        path="/professionnels"
        params={{
          ...(d.form.specialite ? { specialite: d.form.specialite } : {}),
          ...(d.form.partenaires ? { partenaires: "1" } : {}),
        }}
      />
      {errors?.page || errors?.lat || errors?.lon ? (
        <p className="alert alert--error" role="alert">
          {errors.page ? `Page : ${errors.page}.` : "Position invalide : saisissez un code postal ou une commune."}
        </p>
      ) : null}

      {choices ? (
        <section aria-labelledby="choix">
          <h2 id="choix">Plusieurs communes correspondent</h2>
          <ul>
            {choices.map((c) => (
              <li key={c}>
                <a
                  href={`/professionnels?${new URLSearchParams({ lieu: c, ...(d.form.specialite ? { specialite: d.form.specialite } : {}) })}`}
                >
                  {c}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {!r && !choices && !errors ? (
        <p className="alert alert--info">
          Votre adresse n'est pas connue : saisissez un code postal ou une commune pour voir les professionnels les plus
          proches.
        </p>
      ) : null}

      {r ? (
        <section aria-labelledby="resultats">
          <h2 id="resultats">
            {r.total === 0
              ? `Aucun professionnel à moins de ${r.radiusKm} km de ${r.place}`
              : `${r.total} professionnel${r.total > 1 ? "s" : ""} près de ${r.origin === "adresse" ? `chez vous (${r.place})` : r.place}`}
          </h2>
          {r.coverage.length > 0 ? (
            <details className="directory__coverage">
              <summary>Ce que vos garanties remboursent pour cette spécialité</summary>
              <dl>
                {r.coverage.map((c) => (
                  <div key={c.title}>
                    <dt>{c.title}</dt>
                    <dd>{c.text}</dd>
                  </div>
                ))}
              </dl>
            </details>
          ) : null}
          <div className="directory__results">
            <ol className="directory__list numbered-list" start={r.first}>
              {r.hits.map((h, i) => (
                <li key={h.id} id={`pro-${h.id}`} className="tile">
                  <span className="directory__number" aria-hidden="true">
                    {r.first + i}
                  </span>
                  <h3>{h.name}</h3>
                  <p className="directory__meta">
                    <strong>{h.distance}</strong> · {h.specialties.join(", ")}
                  </p>
                  <address>
                    {h.address}
                    <br />
                    {h.postcode} {h.city}
                    {h.phone ? (
                      <>
                        <br />
                        <a href={`tel:${h.phone.replace(/[^+\d]/g, "")}`}>{h.phone}</a>
                      </>
                    ) : null}
                  </address>
                  <ul className="directory__flags" aria-label="Services">
                    {h.partner ? <li className="flag">Réseau partenaire</li> : null}
                    {h.offer100Sante ? <li className="flag">Offre 100 % Santé</li> : null}
                    {h.tiersPayant ? <li className="flag">Tiers payant</li> : null}
                    {h.accessible ? <li className="flag">Accessible (mobilité réduite)</li> : null}
                  </ul>
                  {h.notes.length > 0 ? (
                    <>
                      <p className="directory__paid-title">Avec vos garanties :</p>
                      <ul className="directory__paid">
                        {h.notes.map((n) => (
                          <li key={n}>{n.charAt(0).toUpperCase() + n.slice(1)}</li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
            <ResultsMap settings={d.map} label="Carte des professionnels de la liste" points={r.mapPoints} />
          </div>
          {r.pages > 1 ? (
            <nav aria-label="Pages de résultats" className="pagination">
              {r.page > 1 ? <a href={pageHref(d, r.page - 1)}>Page précédente</a> : null}
              <span>
                Page {r.page} sur {r.pages}
              </span>
              {r.page < r.pages ? <a href={pageHref(d, r.page + 1)}>Page suivante</a> : null}
            </nav>
          ) : null}
        </section>
      ) : null}
      <HelpLinks articles={d.help} />
    </div>
  );
}
