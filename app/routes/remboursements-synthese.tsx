import { Form } from "react-router";
import { z } from "zod";
import { Money } from "../components/money.tsx";
import { TotalsChart } from "../components/totals-chart.tsx";
import { servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { listPaymentFacets, listYearTotals } from "../modules/reimbursements/queries.server.ts";
import { type Totals, summarize } from "../modules/reimbursements/summary.ts";
import { careTypeLabel } from "../modules/shared/care-types.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/remboursements-synthese";

export const meta: Route.MetaFunction = ({ loaderData: data }) => [
  { title: `Synthèse ${data?.year ?? ""} – Mes remboursements` },
];

const query = z.object({
  annee: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  beneficiaire: z.uuid().optional().catch(undefined),
});

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "read");
  const { db, clock } = args.context.get(servicesContext);
  const params = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const year = params.annee ?? Number(clock.today().slice(0, 4));
  const [rows, facets, help] = await Promise.all([
    listYearTotals(db, viewer, year),
    listPaymentFacets(db, viewer),
    helpForPage(db, "remboursements-synthese"),
  ]);
  const selected = rows.filter((r) => !params.beneficiaire || r.beneficiaryId === params.beneficiaire);
  const years = [...new Set([String(year), ...facets.years])].sort().reverse();
  return {
    year,
    beneficiaryId: params.beneficiaire ?? "",
    people: facets.people,
    years,
    summary: summarize(selected),
    help,
  };
}

function TotalsCells({ t }: { t: Totals }) {
  return (
    <>
      <td role="cell" data-label="Dépenses">
        <Money cents={t.chargedCents} />
      </td>
      <td role="cell" data-label="Sécurité sociale">
        <Money cents={t.amoCents} />
      </td>
      <td role="cell" data-label="Mutuelle">
        <Money cents={t.amcCents} />
      </td>
      <td role="cell" data-label="Reste à charge">
        <Money cents={t.remainingCents} />
      </td>
    </>
  );
}

/**
 * One table per care type: on a phone each care type stacks into its own block, every amount labelled (CSS,
 * .stack-table): no column is left off-screen. The explicit roles keep it a table for screen readers.
 */
function CareTypeTable({
  caption,
  categories,
  totals,
}: {
  caption: string;
  categories: (Totals & { careType: string })[];
  totals: Totals;
}) {
  return (
    <div className="table-scroll">
      <table role="table" className="stack-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              Type de soin
            </th>
            <th role="columnheader" scope="col">
              Dépenses
            </th>
            <th role="columnheader" scope="col">
              Sécurité sociale
            </th>
            <th role="columnheader" scope="col">
              Mutuelle
            </th>
            <th role="columnheader" scope="col">
              Reste à charge
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {categories.map((c) => (
            <tr role="row" key={c.careType}>
              <th role="rowheader" scope="row">
                {careTypeLabel(c.careType)}
              </th>
              <TotalsCells t={c} />
            </tr>
          ))}
        </tbody>
        <tfoot role="rowgroup">
          <tr role="row">
            <th role="rowheader" scope="row">
              Total
            </th>
            <TotalsCells t={totals} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export default function YearSummary({ loaderData: d }: Route.ComponentProps) {
  const { summary } = d;
  return (
    <div className="summary">
      <p>
        <a href="/remboursements">← Mes remboursements</a>
      </p>
      <h1>Synthèse de vos soins en {d.year}</h1>
      <Form method="get" className="filters">
        <div className="field field--inline">
          <label htmlFor="annee">Année des soins</label>
          <select id="annee" name="annee" defaultValue={String(d.year)}>
            {d.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="beneficiaire">Bénéficiaire</label>
          <select id="beneficiaire" name="beneficiaire" defaultValue={d.beneficiaryId}>
            <option value="">Tous les bénéficiaires</option>
            {d.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.firstName} {p.lastName}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--quiet">
          Afficher
        </button>
      </Form>

      {summary.people.length === 0 ? (
        <p className="empty">Aucun soin remboursé pour cette année.</p>
      ) : (
        <>
          <dl className="totals card">
            <div>
              <dt>Dépenses de santé</dt>
              <dd>
                <Money cents={summary.household.chargedCents} />
              </dd>
            </div>
            <div>
              <dt>Remboursé par la Sécurité sociale</dt>
              <dd>
                <Money cents={summary.household.amoCents} />
              </dd>
            </div>
            <div>
              <dt>Remboursé par votre mutuelle</dt>
              <dd>
                <Money cents={summary.household.amcCents} />
              </dd>
            </div>
            <div>
              <dt>Reste à charge</dt>
              <dd>
                <Money cents={summary.household.remainingCents} />
              </dd>
            </div>
          </dl>
          <TotalsChart
            caption="Qui a payé quoi, par type de soin (les mêmes chiffres figurent dans le tableau « Pour tout le foyer, par type de soin » ci-dessous)"
            rows={summary.categories.map((c) => ({ label: careTypeLabel(c.careType), ...c }))}
          />
          {/* The chart's own figures, for screen readers and anyone who cannot tell its patterns apart. */}
          <section className="card table-card" aria-labelledby="foyer-par-soin">
            <h2 id="foyer-par-soin">Pour tout le foyer, par type de soin</h2>
            <CareTypeTable
              caption={`Soins de tout le foyer en ${d.year}, par type de soin (les chiffres du graphique)`}
              categories={summary.categories}
              totals={summary.household}
            />
          </section>
          {summary.people.map((p) => (
            <section key={p.beneficiaryId} className="card table-card" aria-labelledby={`b-${p.beneficiaryId}`}>
              <h2 id={`b-${p.beneficiaryId}`}>{p.beneficiaryName}</h2>
              <CareTypeTable
                caption={`Soins de ${p.beneficiaryName} en ${d.year}, par type de soin`}
                categories={p.categories}
                totals={p.totals}
              />
            </section>
          ))}
        </>
      )}
      <HelpLinks articles={d.help} />
    </div>
  );
}
