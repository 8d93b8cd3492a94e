import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import { useEffect, useState } from "react";
import { Form, Link, useFetcher } from "react-router";
import { PaymentItem } from "../components/payment-item.tsx";
import { servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { decodeCursor, periodBounds, readPaymentFilters } from "../modules/reimbursements/filters.ts";
import { filtersQuery } from "../modules/reimbursements/filters-query.ts";
import { groupByMonth } from "../modules/reimbursements/group-by-month.ts";
import { listPaymentFacets, listPayments } from "../modules/reimbursements/queries.server.ts";
import { careTypeLabel } from "../modules/shared/care-types.ts";
import type { Route } from "./+types/remboursements";

export const meta: Route.MetaFunction = () => [{ title: "Prestations : mes remboursements – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "read");
  const { db, clock } = args.context.get(servicesContext);
  const filters = readPaymentFilters(new URL(args.request.url).searchParams);
  const today = clock.today();
  const [page, facets] = await Promise.all([
    listPayments(db, viewer, {
      beneficiaryId: filters.beneficiaire,
      careType: filters.soin,
      ...periodBounds(filters.periode, today),
      after: decodeCursor(filters.apres),
    }),
    listPaymentFacets(db, viewer),
  ]);
  const help = await helpForPage(db, "remboursements");
  return { filters, ...page, facets, continued: Boolean(filters.apres), help };
}

type Data = Awaited<ReturnType<typeof loader>>;

export default function Payments({ loaderData }: Route.ComponentProps) {
  const { filters, facets } = loaderData;
  // With JavaScript, "Afficher plus" appends the next page here; without it, it is a plain link to that page.
  const more = useFetcher<Data>();
  const [extra, setExtra] = useState<{ lines: Data["lines"]; nextCursor: string | null }>({
    lines: [],
    nextCursor: null,
  });
  const [announce, setAnnounce] = useState("");
  // The first line "Afficher plus" added: focus goes to it (the button may be gone on the last page, and focus
  // would fall to <body>), so reading and tabbing go on from the new lines (RGAA 7.1, 12.8).
  const [firstNew, setFirstNew] = useState<string | null>(null);
  useEffect(() => {
    setExtra({ lines: [], nextCursor: null });
  }, [loaderData]);
  useEffect(() => {
    if (more.state !== "idle" || !more.data) return;
    const page = more.data;
    setExtra((prev) => ({ lines: [...prev.lines, ...page.lines], nextCursor: page.nextCursor }));
    setFirstNew(page.lines[0]?.id ?? null);
    setAnnounce(
      `${page.lines.length} remboursement${page.lines.length > 1 ? "s" : ""} de plus affiché${page.lines.length > 1 ? "s" : ""}.`,
    );
  }, [more.state, more.data]);
  useEffect(() => {
    if (!firstNew) return;
    const item = document.getElementById(`paiement-${firstNew}`);
    (item?.querySelector<HTMLElement>("a, button") ?? item)?.focus();
    setFirstNew(null);
  }, [firstNew, extra]);

  const lines = [...loaderData.lines, ...extra.lines];
  const nextCursor = extra.lines.length ? extra.nextCursor : loaderData.nextCursor;
  const nextHref = nextCursor ? `/remboursements${filtersQuery(filters, { apres: nextCursor })}` : null;
  const filtered = Boolean(filters.beneficiaire || filters.soin || filters.periode);

  return (
    <div className="payments">
      <h1>Mes remboursements</h1>
      <ul className="toolbar">
        <li>
          <a href={`/remboursements/synthese${filters.beneficiaire ? `?beneficiaire=${filters.beneficiaire}` : ""}`}>
            Synthèse de l'année
          </a>
        </li>
        <li>
          <a href={`/remboursements/releve${filters.beneficiaire ? `?beneficiaire=${filters.beneficiaire}` : ""}`}>
            Relevé de prestations (PDF)
          </a>
        </li>
        <li>
          <a href={`/remboursements/export.csv${filtersQuery(filters)}`} download>
            Exporter ces remboursements (CSV)
          </a>
        </li>
      </ul>

      <nav aria-label="Filtrer par bénéficiaire" className="chips">
        <ul>
          <li>
            <Link
              to={`/remboursements${filtersQuery(filters, { beneficiaire: undefined })}`}
              aria-current={filters.beneficiaire ? undefined : "page"}
              className="chip"
            >
              Tous
            </Link>
          </li>
          {facets.people.map((p) => (
            <li key={p.id}>
              <Link
                to={`/remboursements${filtersQuery(filters, { beneficiaire: p.id })}`}
                aria-current={filters.beneficiaire === p.id ? "page" : undefined}
                className="chip"
              >
                {p.firstName} {p.lastName}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="filters" aria-label="Filtrer les remboursements">
        {filters.beneficiaire ? <input type="hidden" name="beneficiaire" value={filters.beneficiaire} /> : null}
        <div className="field field--inline">
          <label htmlFor="soin">Type de soin</label>
          <select id="soin" name="soin" defaultValue={filters.soin ?? ""}>
            <option value="">Tous les soins</option>
            {facets.careTypes.map((c) => (
              <option key={c} value={c}>
                {careTypeLabel(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="periode">Période</label>
          <select id="periode" name="periode" defaultValue={filters.periode ?? ""}>
            <option value="">Toutes les dates</option>
            <option value="12m">Les 12 derniers mois</option>
            {facets.years.map((y) => (
              <option key={y} value={y}>
                Année {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--quiet">
          Filtrer
        </button>
        {filtered ? <a href="/remboursements">Effacer les filtres</a> : null}
      </Form>

      {loaderData.continued ? (
        <p>
          <a href={`/remboursements${filtersQuery(filters)}`}>← Revenir aux remboursements les plus récents</a>
        </p>
      ) : null}

      {lines.length === 0 ? (
        <p className="empty">
          {filtered ? "Aucun remboursement ne correspond à ces filtres." : "Vous n'avez pas encore de remboursement."}
        </p>
      ) : (
        groupByMonth(lines).map((group) => (
          <section key={group.key} aria-labelledby={`mois-${group.key}`} className="month">
            <h2 id={`mois-${group.key}`}>{group.label}</h2>
            <ul className="item-list card">
              {group.lines.map((line) => (
                <li key={line.id} id={`paiement-${line.id}`}>
                  <PaymentItem payment={line} />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}

      {/* The document's two shortcuts beside the list (after it in reading order; a side column on wide screens): what a member comes here to do next. */}
      <ul className="shortcuts" aria-label="Raccourcis">
        <li>
          <a className="shortcut" href="/demandes/nouvelle">
            <strong>Faire une demande de remboursement</strong>
            <span>Effectuez vos demandes de remboursement directement depuis votre espace</span>
          </a>
        </li>
        <li>
          <a className="shortcut" href="/ma-mutuelle/coordonnees-bancaires">
            <strong>Mes coordonnées bancaires</strong>
            <span>Accédez à vos coordonnées bancaires</span>
          </a>
        </li>
        <li>
          <a className="shortcut" href="/professionnels">
            <strong>Trouver un professionnel de santé</strong>
            <span>Les partenaires les plus proches et ce que vos garanties y paient</span>
          </a>
        </li>
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      {nextHref ? (
        <p className="more">
          <a
            href={nextHref}
            className="button button--quiet"
            onClick={(event) => {
              event.preventDefault();
              void more.load(nextHref);
            }}
            aria-busy={more.state !== "idle"}
          >
            {more.state !== "idle" ? "Chargement…" : "Afficher plus"}
          </a>
        </p>
      ) : null}
      <HelpLinks articles={loaderData.help} />
    </div>
  );
}
