import { countOf } from "../modules/requests/labels.ts";
import { data, Form } from "react-router";
import { servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { parseGuaranteeTables } from "../modules/guarantees/index.ts";
import { actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { readSmallFilePost, type SmallFilePost } from "../modules/forms/small-file.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import { ErrorSummary, fieldErrorProps } from "../components/error-summary.tsx";
import type { Route } from "./+types/back-office-garanties";

export const meta: Route.MetaFunction = () => [{ title: "Tableaux de garanties – Administration" }];

const maxTableFileBytes = 2 * 1024 * 1024;

// The guarantee tables in service, and a check of a new table file before it is deployed. Tables are a file
// (GUARANTEE_TABLES) read at start by every app server, so a new one goes live by deployment, not from here:
// every server then computes with exactly the same rules.
export async function loader(args: Route.LoaderArgs) {
  await requirePermission(args, "admin.manage");
  const { guarantees, env } = args.context.get(servicesContext);
  return {
    file: env.GUARANTEE_TABLES,
    products: guarantees.products.map((p) => ({
      id: p.id,
      label: p.label,
      responsible: p.responsible,
      levels: p.levels.map((l) => ({
        id: l.id,
        label: l.label,
        versions: l.versions.map((v) => ({ from: v.effectiveFrom, to: v.effectiveTo ?? null, lines: v.lines.length })),
      })),
    })),
  };
}

type Issue = { path: string; message: string };

/** A refused file: its issues listed under the field, counted in the summary. */
function refused(issues: Issue[]) {
  const n = issues.length;
  return actionResult(
    {
      fieldErrors: {
        fichier: `Le fichier compte ${n} erreur${n > 1 ? "s" : ""}, détaillée${n > 1 ? "s" : ""} sous le champ.`,
      },
    },
    { issues },
  );
}

export async function action(args: Route.ActionArgs) {
  await requirePermission(args, "admin.manage");
  // Read as it arrives: a file over the limit is refused once that many bytes have come, never held whole; a body
  // cut short (no closing boundary, connection lost) is the sender's fault, a 400, never a 500.
  let file: SmallFilePost["file"];
  try {
    ({ file } = await readSmallFilePost(args.request, {
      field: "fichier",
      maxBytes: maxTableFileBytes,
      tooLarge: "Le fichier dépasse 2 Mo : ce n'est sans doute pas un fichier de tableaux.",
    }));
  } catch (error) {
    return appErrorAnswer(error, (refusal) => refused([{ path: "fichier", message: refusal.message }]));
  }
  if (!file || file.bytes.length === 0)
    return data(refused([{ path: "fichier", message: "Choisissez le fichier de tableaux (JSON) à vérifier." }]), {
      status: 400,
    });
  const result = parseGuaranteeTables(new TextDecoder().decode(file.bytes));
  if (!result.ok) return data(refused(result.issues.slice(0, 100)), { status: 400 });
  const levels = result.catalog.products.flatMap((p) => p.levels);
  return actionResult(
    {
      notice: `${countOf(result.catalog.products.length, "produit", "produits")}, ${countOf(levels.length, "niveau", "niveaux")}, ${countOf(
        levels.reduce((t, l) => t + l.versions.length, 0),
        "version",
        "versions",
      )} : le fichier est valide.`,
    },
    { issues: [] as Issue[] },
  );
}

export default function GuaranteeTablesAdmin({ loaderData: d, actionData }: Route.ComponentProps) {
  const fileError = actionData?.fieldErrors.fichier;
  return (
    <div className="admin">
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>Tableaux de garanties</h1>
      <p>
        En service : <code>{d.file}</code>. Un nouveau fichier se met en service par déploiement (variable{" "}
        <code>GUARANTEE_TABLES</code>, puis redémarrage de chaque serveur) : vérifiez-le ici d'abord.
      </p>
      {d.products.map((p) => (
        <section className="card" key={p.id} aria-labelledby={`produit-${p.id}`}>
          <h2 id={`produit-${p.id}`}>
            {p.label}
            {p.responsible ? " (contrat responsable)" : ""}
          </h2>
          <table>
            <caption className="visually-hidden">Niveaux et versions du produit {p.label}</caption>
            <thead>
              <tr>
                <th scope="col">Niveau</th>
                <th scope="col">Versions (période, nombre de lignes)</th>
              </tr>
            </thead>
            <tbody>
              {p.levels.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.label}</th>
                  <td>
                    {l.versions
                      .map(
                        (v) => `du ${formatDate(v.from)}${v.to ? ` au ${formatDate(v.to)}` : ""} (${v.lines} lignes)`,
                      )
                      .join(" ; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section className="card" aria-labelledby="verifier">
        <h2 id="verifier">Vérifier un nouveau fichier</h2>
        {actionData?.notice ? (
          <div className="alert alert--info" role="status">
            {actionData.notice}
          </div>
        ) : null}
        <ErrorSummary title="Le fichier n'est pas valide, corrigez :" errors={actionData?.fieldErrors} />
        <Form method="post" encType="multipart/form-data" className="form-card">
          <div className={fileError ? "field field--error" : "field"}>
            <label htmlFor="fichier">Fichier de tableaux (JSON, format décrit dans docs/guarantee-tables.md)</label>
            {fileError ? (
              <div className="field__error" id="fichier-erreur">
                <ul>
                  {(actionData?.issues ?? []).map((i, n) => (
                    <li key={n}>
                      <code>{i.path}</code> : {i.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <input
              id="fichier"
              name="fichier"
              type="file"
              accept="application/json,.json"
              {...fieldErrorProps("fichier", fileError)}
            />
          </div>
          <button type="submit" className="button button--primary">
            Vérifier
          </button>
        </Form>
      </section>
    </div>
  );
}
