import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import { servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { hasScope, relationOf } from "../modules/accounts/scopes.ts";
import { listAvailableDocuments } from "../modules/documents/member-documents.server.ts";
import { listRequestFiles } from "../modules/requests/queries.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/documents";

export const meta: Route.MetaFunction = () => [{ title: "Mes documents – Espace adhérent" }];

// The contract holder reads every document of the contract. A beneficiary with their own access (or a carer
// with "read") reads what concerns that person: the card (a carer never gets it), their statements, the files
// sent with their démarches (listRequestFiles narrows by the viewer); never the contract's documents (rights
// certificate of the household, premium schedule, tax certificate, notices).
export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "read");
  const { db, notices, clock, brand } = args.context.get(servicesContext);
  const today = clock.today();
  const holder = relationOf(viewer) === "holder";
  const sent = hasScope(viewer, "file") ? await listRequestFiles(db, viewer) : [];
  const available = await listAvailableDocuments(db, viewer, today, brand.tiersPayantCard.nextYearFrom);
  return {
    ...available,
    holder,
    cards: hasScope(viewer, "card") ? available.cards : [],
    scheduleYears: holder ? available.scheduleYears : [],
    taxCertificateYears: holder ? available.taxCertificateYears : [],
    notices: holder ? notices.list : [],
    sent: sent.map((f) => ({ ...f, createdOn: clock.dateOf(f.createdAt) })),
    help: await helpForPage(db, "documents"),
  };
}

export default function Documents({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="documents">
      <h1>Mes documents</h1>
      <p className="lead">
        Vos documents sont établis à partir de vos informations à jour, au moment où vous les téléchargez.
      </p>
      {d.cards.length > 0 ? (
        <section className="card" aria-labelledby="cartes">
          <h2 id="cartes">Cartes de tiers payant</h2>
          <ul className="link-list">
            {d.cards.map(({ year, status, validTo }) => (
              <li key={year}>
                <a href={`/documents/carte-tiers-payant/${year}`}>
                  Carte de tiers payant {year}
                  {status === "expired" ? " (expirée)" : ""}
                </a>
                {status === "expired"
                  ? ` — expirée le ${formatDate(validTo)}, gardée pour mémoire`
                  : status === "upcoming"
                    ? ` — nouvelle, valable à partir du 01/01/${year}`
                    : " — en cours"}{" "}
                —{" "}
                <a href={`/documents/carte-tiers-payant/${year}/pdf`} download>
                  télécharger la carte {year} (PDF)
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.holder ? (
        <>
          <section className="card" aria-labelledby="contrat">
            <h2 id="contrat">Mon contrat</h2>
            {/* Each PDF with its accessible equivalent, a web page with the same content (RGAA 13.3). */}
            <ul className="link-list">
              <li>
                <a href="/ma-mutuelle/garanties.pdf" download>
                  Tableau de garanties – niveau {d.coverageLevel} (PDF)
                </a>
              </li>
              <li>
                <a href="/documents/attestation-de-droits/pdf" download>
                  Attestation de droits (PDF)
                </a>{" "}
                — <a href="/documents/attestation-de-droits">Attestation de droits (page web accessible)</a>
              </li>
              {d.scheduleYears.map((year) => (
                <li key={year}>
                  <a href={`/documents/echeancier/${year}/pdf`} download>
                    Échéancier de cotisations {year} (PDF)
                  </a>{" "}
                  — <a href={`/documents/echeancier/${year}`}>Échéancier de cotisations {year} (page web accessible)</a>
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="cotisations">
            <h2 id="cotisations">Attestations de cotisations (impôts)</h2>
            {d.taxCertificateYears.length > 0 ? (
              <ul className="link-list">
                {d.taxCertificateYears.map((year) => (
                  <li key={year}>
                    <a href={`/documents/attestation-cotisations/${year}/pdf`} download>
                      Attestation de cotisations {year} (PDF)
                    </a>{" "}
                    —{" "}
                    <a href={`/documents/attestation-cotisations/${year}`}>
                      Attestation de cotisations {year} (page web accessible)
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>L'attestation d'une année est disponible ici dès qu'elle est terminée.</p>
            )}
          </section>
        </>
      ) : null}
      {d.notices.length > 0 ? (
        <section className="card" aria-labelledby="notices">
          <h2 id="notices">Notices d'information</h2>
          <ul className="link-list">
            {d.notices.map((n) => (
              <li key={n.file}>
                <a href={`/documents/notices/${n.file}`} download>
                  {n.title}
                </a>{" "}
                <span className="muted">{`(${formatDate(n.date)})`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.sent.length > 0 ? (
        <section className="card" aria-labelledby="envoyes">
          <h2 id="envoyes">Pièces envoyées avec mes démarches</h2>
          <ul className="link-list">
            {d.sent.map((f) => (
              <li key={f.id}>
                {f.quarantined ? (
                  f.originalName
                ) : (
                  <a href={`/demandes/${f.requestId}/fichiers/${f.id}`} download>
                    {f.originalName}
                  </a>
                )}{" "}
                <span className="muted">{`(demande ${f.reference}, le ${formatDate(f.createdOn)}${f.quarantined ? ", vérification antivirus en cours" : ""})`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="prestations">
        <h2 id="prestations">Mes remboursements</h2>
        <ul className="link-list">
          <li>
            <a href="/remboursements/releve">Relevé de prestations (PDF, pour la période de votre choix)</a>
          </li>
          <li>
            <a href="/remboursements/synthese">Synthèse annuelle de vos soins</a>
          </li>
        </ul>
      </section>
      <HelpLinks articles={d.help} />
    </div>
  );
}
