// One help article for an administrateur: edit, preview (rendered as members will see it, nothing saved),
// publish (dated today) or withdraw.
import { fieldErrorsOf } from "../modules/forms/form-data.ts";
import { redirect } from "react-router";
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { articleOf, HelpArticleForm, typedArticle, type ArticleValues } from "../components/help-article-form.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { articleFields, articleSchema } from "../modules/help/article-form.ts";
import { getArticleForAdmin, setArticleStatus, updateArticle } from "../modules/help/articles.server.ts";
import { renderMarkdown } from "../modules/help/markdown.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/back-office-aide-article";
import { textField } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = ({ loaderData: d }) => [
  { title: d ? `${d.article.title} – Centre d'aide – Administration` : "Centre d'aide – Administration" },
];

export async function loader(args: Route.LoaderArgs) {
  await requirePermission(args, "admin.manage");
  const { db } = args.context.get(servicesContext);
  const row = await getArticleForAdmin(db, args.params.id);
  if (!row) notFound();
  return {
    article: {
      id: row.id,
      title: row.title,
      slug: row.slug,
      status: row.status,
      publishedOn: row.publishedOn,
    },
    values: {
      title: row.title,
      slug: row.slug,
      theme: row.theme,
      summary: row.summary,
      body: row.body,
      pages: row.pages,
      position: String(row.position),
    } satisfies ArticleValues,
    notice: new URL(args.request.url).searchParams.get("fait"),
  };
}

export async function action(args: Route.ActionArgs) {
  const admin = await requirePermission(args, "admin.manage");
  const { db, clock } = args.context.get(servicesContext);
  const ip = args.context.get(requestContext).ip;
  const id = args.params.id;
  const form = await args.request.formData();
  const intent = textField(form, "intent");
  const here = `/back-office/administration/aide/${id}`;
  if (intent === "publish" || intent === "unpublish") {
    const done = await setArticleStatus(db, admin, id, intent === "publish" ? "published" : "draft", clock.today(), ip);
    if (!done) notFound();
    return redirect(`${here}?fait=${intent === "publish" ? "publie" : "retire"}`);
  }
  const fields = articleFields(form);
  const values = typedArticle(fields);
  const noPreview = { preview: null as string | null };
  const parsed = articleSchema.safeParse(fields);
  if (!parsed.success) return actionFailure(400, { fieldErrors: fieldErrorsOf(parsed.error), values }, noPreview);
  // The preview is the page's own extra: the article rendered as members will see it, nothing saved.
  if (intent === "preview") return actionResult({ values }, { preview: renderMarkdown(parsed.data.body) });
  const saved = await updateArticle(db, admin, id, parsed.data, ip);
  if (!saved) notFound();
  if (!saved.ok) return actionFailure(409, { fieldErrors: { [saved.field]: saved.message }, values }, noPreview);
  return redirect(`${here}?fait=enregistre`);
}

const notices: Record<string, string> = {
  cree: "Brouillon enregistré.",
  enregistre: "Article enregistré.",
  publie: "Article publié : les adhérents le voient.",
  retire: "Article retiré de la publication : il redevient un brouillon.",
};

export default function HelpArticleAdmin({ loaderData: d, actionData }: Route.ComponentProps) {
  const published = d.article.status === "published";
  return (
    <div className="admin">
      <p>
        <a href="/back-office/administration/aide">← Centre d'aide</a>
      </p>
      <h1>{d.article.title}</h1>
      {d.notice && notices[d.notice] ? (
        <div className="alert alert--info" role="status">
          {notices[d.notice]}
        </div>
      ) : null}
      <p>
        {published ? (
          <>
            Publié{d.article.publishedOn ? ` le ${formatDate(d.article.publishedOn)}` : ""} :{" "}
            <a href={`/aide/${d.article.slug}`}>voir l'article</a>.
          </>
        ) : (
          "Brouillon : les adhérents ne le voient pas."
        )}
      </p>
      <form method="post">
        <input type="hidden" name="intent" value={published ? "unpublish" : "publish"} />
        <button type="submit" className={published ? "button button--quiet" : "button button--primary"}>
          {published ? "Retirer de la publication" : "Publier"}
        </button>
      </form>
      {actionData?.preview ? (
        <section className="card help-preview" aria-labelledby="apercu">
          <h2 id="apercu" tabIndex={-1}>
            Aperçu (non enregistré)
          </h2>
          <div className="help-article__body" dangerouslySetInnerHTML={{ __html: actionData.preview }} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="modifier">
        <h2 id="modifier">Modifier</h2>
        <HelpArticleForm
          values={actionData ? articleOf(actionData.values) : d.values}
          errors={actionData?.fieldErrors ?? {}}
        >
          <p className="actions">
            <button type="submit" name="intent" value="preview" className="button">
              Aperçu
            </button>{" "}
            <button type="submit" name="intent" value="save" className="button button--primary">
              Enregistrer
            </button>
          </p>
        </HelpArticleForm>
      </section>
    </div>
  );
}
