// Member search for advisors: a plain GET form (works without JavaScript), results as a table.
import { requestContext, servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import {
  memberSearchMaxResults,
  memberSearchMinLength,
  parseMemberQuery,
} from "../modules/back-office/member-search.ts";
import { searchMembers } from "../modules/back-office/members.server.ts";
import type { Route } from "./+types/back-office-adherents";

export const meta: Route.MetaFunction = () => [{ title: "Rechercher un adhérent – Espace conseiller" }];

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "members.view");
  const { db } = args.context.get(servicesContext);
  const q = (new URL(args.request.url).searchParams.get("q") ?? "").slice(0, 254);
  const parsed = parseMemberQuery(q);
  if (parsed.kind === "empty" || parsed.kind === "too_short") return { q, state: parsed.kind, results: [] };
  const results = await searchMembers(db, advisor, parsed, args.context.get(requestContext).ip);
  return { q, state: "searched" as const, results };
}

export default function MemberSearch({ loaderData: d }: Route.ComponentProps) {
  const count = d.results.length;
  return (
    <>
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>Rechercher un adhérent</h1>
      <form method="get" role="search" aria-label="Adhérents" className="form-card">
        <div className="field">
          <label htmlFor="q">Numéro d'adhérent, nom ou adresse e-mail</label>
          <p id="q-aide" className="field__hint">
            Par exemple 10000001, Brouez ou benoit.brouez@example.com. Le nom peut être le début d'un nom ou d'un
            prénom.
          </p>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={d.q}
            aria-describedby="q-aide"
            autoComplete="off"
            maxLength={254}
          />
        </div>
        <button type="submit" className="button button--primary">
          Rechercher
        </button>
      </form>
      {d.state === "too_short" ? (
        <p className="alert alert--info" role="status">
          Saisissez au moins {memberSearchMinLength} caractères pour lancer la recherche.
        </p>
      ) : null}
      {d.state === "searched" && count === 0 ? (
        <p className="empty" role="status">
          Aucun adhérent ne correspond à « {d.q} ».
        </p>
      ) : null}
      {count > 0 ? (
        <>
          <p role="status">
            {count === 1 ? "1 adhérent trouvé." : `${count} adhérents trouvés.`}
            {count >= memberSearchMaxResults
              ? ` Seuls les ${memberSearchMaxResults} premiers sont affichés : précisez la recherche.`
              : ""}
          </p>
          <div className="table-scroll card">
            <table>
              <caption className="visually-hidden">Adhérents trouvés</caption>
              <thead>
                <tr>
                  <th scope="col">Numéro d'adhérent</th>
                  <th scope="col">Nom</th>
                  <th scope="col">Niveau de garantie</th>
                  <th scope="col">Adresse e-mail</th>
                </tr>
              </thead>
              <tbody>
                {d.results.map((r) => (
                  <tr key={r.memberNumber}>
                    <td>
                      <a href={`/back-office/adherents/${r.memberNumber}`}>{r.memberNumber}</a>
                    </td>
                    <td>{`${r.lastName.toUpperCase()} ${r.firstName}`}</td>
                    <td>{r.coverageLevel}</td>
                    <td>{r.email ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}
