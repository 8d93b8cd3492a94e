import { actionFailure } from "../modules/forms/action-result.ts";
import { Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { newsSchema } from "../modules/news/news-form.ts";
import { createNews, deleteNews, listAllNews } from "../modules/news/news.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import { ErrorSummary, FieldError, fieldErrorProps } from "../components/error-summary.tsx";
import type { Route } from "./+types/back-office-actualites";
import { formValues, parseForm } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Actualités – Administration" }];

export async function loader(args: Route.LoaderArgs) {
  await requirePermission(args, "admin.manage");
  const { db, clock } = args.context.get(servicesContext);
  const news = await listAllNews(db);
  return { news, today: clock.today(), notice: new URL(args.request.url).searchParams.get("fait") };
}

type Fields = Record<string, string | undefined>;

export async function action(args: Route.ActionArgs) {
  const admin = await requirePermission(args, "admin.manage");
  const { db } = args.context.get(servicesContext);
  const ip = args.context.get(requestContext).ip;
  const form = formValues(await args.request.formData(), 2000);
  if (form.intent === "delete") {
    await deleteNews(db, admin, form.id ?? "", ip);
    return redirect("/back-office/administration/actualites?fait=retiree");
  }
  const parsed = parseForm(newsSchema, form);
  if (!parsed.ok) return actionFailure(400, { fieldErrors: parsed.fieldErrors, values: parsed.values });
  await createNews(db, admin, parsed.data, ip);
  return redirect("/back-office/administration/actualites?fait=publiee");
}

export default function NewsAdmin({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Fields = actionData?.fieldErrors ?? {};
  const value = (name: string, fallback = "") => actionData?.values?.[name] ?? fallback;
  return (
    <div className="admin">
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>Actualités</h1>
      <p>Elles s'affichent sur l'accueil de chaque adhérent (les trois plus récentes en cours de publication).</p>
      {d.notice === "publiee" ? (
        <div className="alert alert--info" role="status">
          Actualité enregistrée.
        </div>
      ) : null}
      {d.notice === "retiree" ? (
        <div className="alert alert--info" role="status">
          Actualité retirée.
        </div>
      ) : null}
      <section className="card" aria-labelledby="nouvelle">
        <h2 id="nouvelle">Nouvelle actualité</h2>
        <ErrorSummary title="L'actualité n'a pas été publiée, corrigez :" errors={errors} />
        <Form method="post" noValidate className="form-card">
          <FormField
            name="title"
            label="Titre"
            maxLength={120}
            defaultValue={value("title")}
            error={errors.title}
            required
          />
          <div className={errors.body ? "field field--error" : "field"}>
            <label htmlFor="body">Texte</label>
            <p className="field__hint" id="body-aide">
              1 000 caractères au plus, en mots simples.
            </p>
            <FieldError id="body" error={errors.body} />
            <textarea
              id="body"
              name="body"
              rows={4}
              maxLength={1000}
              defaultValue={value("body")}
              required
              {...fieldErrorProps("body", errors.body, "body-aide")}
            />
          </div>
          <FormField
            name="publishFrom"
            type="date"
            label="Publier à partir du"
            defaultValue={value("publishFrom", d.today)}
            error={errors.publishFrom}
            required
          />
          <FormField
            name="publishUntil"
            type="date"
            label="Jusqu'au (facultatif)"
            defaultValue={value("publishUntil")}
            error={errors.publishUntil}
          />
          <button type="submit" className="button button--primary">
            Publier
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="liste">
        <h2 id="liste">Actualités enregistrées</h2>
        {d.news.length === 0 ? <p>Aucune actualité.</p> : null}
        <ul className="item-list">
          {d.news.map((n) => (
            <li key={n.id}>
              <h3>{n.title}</h3>
              <p className="muted">
                Du {formatDate(n.publishFrom)}
                {n.publishUntil ? ` au ${formatDate(n.publishUntil)}` : ", sans date de fin"}
              </p>
              <p>{n.body}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="id" value={n.id} />
                <button type="submit" className="button button--quiet">
                  Retirer<span className="visually-hidden"> « {n.title} »</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
