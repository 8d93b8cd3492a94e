// The help centre's articles for an administrateur: the list (drafts and published) and a new article,
// saved as a draft (then previewed and published from its own page).
import { redirect } from "react-router";
import { actionFailure } from "../modules/forms/action-result.ts";
import { fieldErrorsOf } from "../modules/forms/form-data.ts";
import { articleOf, emptyArticle, HelpArticleForm, typedArticle } from "../components/help-article-form.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { articleFields, articleSchema } from "../modules/help/article-form.ts";
import { createArticle, listAllArticles } from "../modules/help/articles.server.ts";
import { themeLabel } from "../modules/help/themes.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/back-office-aide";

export const meta: Route.MetaFunction = () => [{ title: "Centre d'aide – Administration" }];

export async function loader(args: Route.LoaderArgs) {
  await requirePermission(args, "admin.manage");
  const { db } = args.context.get(servicesContext);
  const articles = (await listAllArticles(db)).map((a) => ({ ...a, themeLabel: themeLabel(a.theme) }));
  return { articles };
}

export async function action(args: Route.ActionArgs) {
  const admin = await requirePermission(args, "admin.manage");
  const { db } = args.context.get(servicesContext);
  const fields = articleFields(await args.request.formData());
  const values = typedArticle(fields);
  const parsed = articleSchema.safeParse(fields);
  if (!parsed.success) return actionFailure(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
  const saved = await createArticle(db, admin, parsed.data, args.context.get(requestContext).ip);
  if (!saved.ok) return actionFailure(409, { fieldErrors: { [saved.field]: saved.message }, values });
  return redirect(`/back-office/administration/aide/${saved.id}?fait=cree`);
}

export default function HelpAdmin({ loaderData: d, actionData }: Route.ComponentProps) {
  return (
    <div className="admin">
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>Centre d'aide</h1>
      <p>
        Les articles publiés s'affichent sur <a href="/aide">la page Aide</a> et, s'ils sont rattachés à une page, dans
        son encadré « Besoin d'aide ? ». <a href="/back-office/administration/aide/illustrations">Illustrations</a>
      </p>
      <section className="card" aria-labelledby="liste">
        <h2 id="liste">Articles</h2>
        {d.articles.length === 0 ? <p>Aucun article.</p> : null}
        <ul className="item-list">
          {d.articles.map((a) => (
            <li key={a.id}>
              <h3>
                <a href={`/back-office/administration/aide/${a.id}`}>{a.title}</a>
              </h3>
              <p className="muted">
                {a.themeLabel} ·{" "}
                {a.status === "published"
                  ? `Publié${a.publishedOn ? ` le ${formatDate(a.publishedOn)}` : ""}`
                  : "Brouillon"}{" "}
                · /aide/{a.slug}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="nouvel-article">
        <h2 id="nouvel-article">Nouvel article</h2>
        <p>Il est enregistré comme brouillon : vous le prévisualisez et le publiez ensuite.</p>
        <HelpArticleForm
          values={actionData ? articleOf(actionData.values) : emptyArticle}
          errors={actionData?.fieldErrors ?? {}}
        >
          <button type="submit" className="button button--primary">
            Enregistrer le brouillon
          </button>
        </HelpArticleForm>
      </section>
    </div>
  );
}
