import { Form } from "react-router";
import { servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { toMeter } from "../modules/guarantees/meters.ts";
import { getGuaranteeOverview } from "../modules/guarantees/overview.server.ts";
import { guaranteeSections } from "../modules/guarantees/sections.ts";
import { formatDate } from "../modules/shared/format.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/garanties";

export const meta: Route.MetaFunction = () => [{ title: "Mes garanties – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db, guarantees, clock } = args.context.get(servicesContext);
  const query = (new URL(args.request.url).searchParams.get("q") ?? "").slice(0, 80);
  const today = clock.today();
  const [overview, help] = await Promise.all([
    getGuaranteeOverview(db, guarantees, viewer, today),
    helpForPage(db, "garanties"),
  ]);
  const table = overview.table;
  return {
    levelLabel: overview.levelLabel,
    query,
    effectiveFrom: table?.effectiveFrom ?? null,
    responsible: table?.responsible ?? false,
    sections: table ? guaranteeSections(table, today, query) : [],
    people: overview.people.map((p) => ({
      id: p.personId,
      name: `${p.firstName} ${p.lastName}`,
      meters: p.counters.map((c) => toMeter(c, today)),
    })),
    help,
  };
}

export default function Guarantees({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="guarantees">
      <h1>Mes garanties</h1>
      {d.effectiveFrom ? (
        <p className="lead">
          Niveau <strong>{d.levelLabel}</strong>, en vigueur depuis le {formatDate(d.effectiveFrom)}.
          {d.responsible ? " Contrat responsable." : ""} Les montants s'ajoutent aux remboursements de la Sécurité
          sociale, sans dépasser ce que vous avez payé.
        </p>
      ) : (
        <p className="alert alert--info">
          Votre tableau de garanties n'est pas disponible en ligne : contactez votre mutuelle.
        </p>
      )}
      <p className="muted">
        Les garanties parlent de base de remboursement (<abbr title="Base de remboursement">BR</abbr>), de ticket
        modérateur, d'<abbr title="Option de pratique tarifaire maîtrisée">OPTAM</abbr>, de 100 % Santé :{" "}
        <a href="/glossaire">ces mots sont expliqués dans le glossaire</a>.
      </p>
      <p>
        <a href="/ma-mutuelle/garanties.pdf" download>
          Télécharger le tableau de garanties (PDF)
        </a>
      </p>

      <section aria-labelledby="consommation" className="usage">
        <h2 id="consommation">Ce qu'il vous reste cette année</h2>
        {d.people.map((p) => (
          <details key={p.id} className="card usage__person" open={d.people[0]?.id === p.id}>
            <summary>
              <h3>{p.name}</h3>
            </summary>
            <ul className="meters">
              {p.meters.map((m) => (
                <li key={m.id}>
                  <span className="meter__label">{m.label}</span>
                  {m.gauge ? (
                    <meter min={0} max={m.gauge.max} value={Math.min(m.gauge.value, m.gauge.max)} aria-hidden="true" />
                  ) : null}
                  <span className="meter__text">{m.text}</span>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </section>

      <section aria-labelledby="tableau">
        <h2 id="tableau">Tableau de garanties</h2>
        <Form method="get" className="filters" role="search">
          <div className="field field--inline">
            <label htmlFor="q">Rechercher une garantie</label>
            <input id="q" name="q" type="search" defaultValue={d.query} placeholder="lunettes, ostéopathe, dentiste…" />
          </div>
          <button type="submit" className="button button--quiet">
            Rechercher
          </button>
          {d.query ? <a href="/ma-mutuelle/garanties">Tout afficher</a> : null}
        </Form>
        {d.query ? (
          <p role="status">
            {d.sections.reduce((n, s) => n + s.lines.length, 0)} garantie(s) pour « {d.query} ».
          </p>
        ) : null}
        {d.sections.map((section) => (
          <section key={section.domain} className="card guarantee-domain" aria-labelledby={`domaine-${section.domain}`}>
            <h3 id={`domaine-${section.domain}`}>{section.label}</h3>
            <dl className="guarantee-lines">
              {section.lines.map((line) => (
                <div key={line.id}>
                  <dt>{line.title}</dt>
                  <dd>
                    {line.rule}
                    {line.conditions.map((c) => (
                      <span key={c} className="guarantee-condition">
                        {c}
                      </span>
                    ))}
                    {line.example ? <span className="guarantee-example">{line.example}</span> : null}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </section>
      <HelpLinks articles={d.help} />
    </div>
  );
}
