import { actionFailure } from "../modules/forms/action-result.ts";
import { Form, redirect } from "react-router";
import { requestContext, servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { getMessageCatalog, saveMessageCatalog } from "../modules/messaging/categories.server.ts";
import { ErrorSummary, fieldErrorProps } from "../components/error-summary.tsx";
import type { Route } from "./+types/back-office-categories";
import { textField } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Catégories de la messagerie – Administration" }];

export async function loader(args: Route.LoaderArgs) {
  await requirePermission(args, "admin.manage");
  const catalog = await getMessageCatalog(args.context.get(servicesContext).db);
  return {
    json: JSON.stringify(catalog, null, 2),
    summary: catalog.map((c) => ({
      key: c.key,
      label: c.label,
      advisorOnly: Boolean(c.advisorOnly),
      subjects: c.subjects.map((s) => ({ label: s.label, service: s.service?.href ?? null })),
    })),
    saved: new URL(args.request.url).searchParams.has("enregistre"),
  };
}

export async function action(args: Route.ActionArgs) {
  const admin = await requirePermission(args, "admin.manage");
  const form = await args.request.formData();
  const json = textField(form, "categories", 60_000);
  const result = await saveMessageCatalog(
    args.context.get(servicesContext).db,
    admin,
    json,
    args.context.get(requestContext).ip,
  );
  if (!result.ok) {
    const issues = result.issues.slice(0, 50);
    const n = issues.length;
    return actionFailure(
      400,
      {
        fieldErrors: {
          categories: `La liste JSON compte ${n} erreur${n > 1 ? "s" : ""}, détaillée${n > 1 ? "s" : ""} sous le champ.`,
        },
        values: { categories: json },
      },
      // Each issue is listed under the field; the summary counts them.
      { issues },
    );
  }
  return redirect("/back-office/administration/categories?enregistre");
}

export default function CategoriesAdmin({ loaderData: d, actionData }: Route.ComponentProps) {
  const error = actionData?.fieldErrors.categories;
  return (
    <div className="admin">
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>Catégories de la messagerie</h1>
      {d.saved ? (
        <div className="alert alert--info" role="status">
          Catégories enregistrées : les adhérents les voient tout de suite sur ce serveur, dans la minute sur les
          autres.
        </div>
      ) : null}
      <section className="card" aria-labelledby="en-service">
        <h2 id="en-service">En service</h2>
        <ul>
          {d.summary.map((c) => (
            <li key={c.key}>
              <strong>{c.label}</strong>
              {c.advisorOnly ? " (réservée aux conseillers)" : ""} :{" "}
              {c.subjects.map((s) => (s.service ? `${s.label} (service en ligne ${s.service})` : s.label)).join(" ; ")}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="modifier">
        <h2 id="modifier">Modifier</h2>
        <p>
          La liste au format JSON : pour chaque catégorie une clé, un libellé et ses objets (clé, libellé, service en
          ligne facultatif : une page du site). Changez les libellés librement ; gardez les clés déjà utilisées par des
          messages.
        </p>
        <ErrorSummary title="Rien n'a été enregistré, corrigez :" errors={actionData?.fieldErrors} />
        <Form method="post" className="form-card">
          <div className={error ? "field field--error" : "field"}>
            <label htmlFor="categories">Catégories et objets (JSON)</label>
            {error ? (
              <div className="field__error" id="categories-erreur">
                <ul>
                  {(actionData?.issues ?? []).map((i, n) => (
                    <li key={n}>{i}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <textarea
              id="categories"
              name="categories"
              rows={24}
              spellCheck={false}
              className="code-input"
              defaultValue={actionData?.values.categories ?? d.json}
              {...fieldErrorProps("categories", error)}
            />
          </div>
          <button type="submit" className="button button--primary">
            Enregistrer
          </button>
        </Form>
      </section>
    </div>
  );
}
