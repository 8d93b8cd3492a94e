// "Envoyer un message", in plain steps that work without JavaScript (GET parameters):
// 1. the category, then the subject (?categorie=…&sujet=…);
// 2. when an online service does this démarche, a "Bon à savoir !" box offers it, and still lets the
//    member write (&ecrire=1);
// 3. the message and its files (multipart post), then back to the thread.
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { redirect } from "react-router";
import { ComposeFields, FormErrors, KeptDraftNotice, MessagingNav } from "../components/messaging.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { formDraft, requireScope } from "../guards.server.ts";
import { keepOrDiscard } from "../modules/claims/attachments.server.ts";
import { findCategory, findSubject, memberCategories } from "../modules/messaging/categories.ts";
import { assertWithinUploadQuota } from "../modules/claims/quotas.server.ts";
import { readMessageForm, refuseMemberMessage } from "../modules/messaging/compose.server.ts";
import { messageFileStore } from "../modules/messaging/files.server.ts";
import { newMessageSchema } from "../modules/messaging/message-form.ts";
import { listThreads, startThread } from "../modules/messaging/threads.server.ts";
import { recordCarerAction } from "../modules/carers/carers.server.ts";
import type { Route } from "./+types/messagerie-nouveau";
import { getMessageCatalog } from "../modules/messaging/categories.server.ts";
import { helpForPage, suggestArticles } from "../modules/help/articles.server.ts";
import { HelpLinks } from "../components/help-links.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Envoyer un message – Messagerie – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "messages");
  const params = new URL(args.request.url).searchParams;
  const catalog = await getMessageCatalog(args.context.get(servicesContext).db);
  const category = findCategory(catalog, params.get("categorie"));
  const subject = findSubject(category, params.get("sujet"));
  const [threads, help] = await Promise.all([
    listThreads(args.context.get(servicesContext).db, viewer),
    helpForPage(args.context.get(servicesContext).db, "messagerie-nouveau"),
  ]);
  const total = threads.length;
  // The message typed when the session had expired, kept until the member signed in again (issue 25, item 6).
  const draft = await formDraft(args, viewer);
  const step =
    !category || !subject ? "choose" : subject.service && params.get("ecrire") !== "1" ? "service" : "compose";
  // Before writing: the help articles that match the subject chosen (the answer may already be there).
  const articles = subject
    ? (await suggestArticles(args.context.get(servicesContext).db, subject.label)).map((a) => ({
        slug: a.slug,
        title: a.title,
        summary: a.summary,
      }))
    : [];
  return {
    help,
    kept: draft?.message ? { message: draft.message } : null,
    articles,
    total,
    step,
    categories: memberCategories(catalog).map((c) => ({ key: c.key, label: c.label })),
    category: category
      ? {
          key: category.key,
          label: category.label,
          subjects: category.subjects.map((s) => ({ key: s.key, label: s.label })),
        }
      : null,
    subject: subject ? { key: subject.key, label: subject.label, service: subject.service ?? null } : null,
    // "Suivant" with no subject chosen (the same category still selected): say what is missing.
    subjectMissing: Boolean(category && params.get("sujet") === ""),
    categoryMissing: params.get("categorie") === "",
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireScope(args, "messages", { keepDraft: ["message"] });
  const services = args.context.get(servicesContext);
  const store = messageFileStore(services);
  const refused = await refuseMemberMessage(services, viewer, args.request);
  if (refused) return actionFailure(refused.status, { fieldErrors: refused.fieldErrors });
  const form = await readMessageForm(args.request, store, newMessageSchema(await getMessageCatalog(services.db)));
  if (!form.ok) return actionFailure(form.status, { fieldErrors: form.fieldErrors, values: form.values });
  const { categorie, sujet, message } = form.value;
  let threadId: string;
  try {
    threadId = await keepOrDiscard(store, form.stored, async () => {
      await assertWithinUploadQuota(services.db, viewer, services.quotas, form.stored);
      return startThread(services, viewer, { category: categorie, subject: sujet, body: message }, form.stored);
    });
  } catch (error) {
    return appErrorAnswer(error, (refusal) =>
      actionResult({ fieldErrors: { fichiers: refusal.message }, values: form.value }),
    );
  }
  await recordCarerAction(
    services,
    viewer,
    { kind: "message", reference: threadId },
    args.context.get(requestContext).ip,
  );
  throw redirect(`/messagerie/${threadId}?envoye=1`);
}

export default function NewMessage({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const values: Record<string, string> = actionData?.values ?? d.kept ?? {};
  const chosen =
    d.category && d.subject
      ? `categorie=${encodeURIComponent(d.category.key)}&sujet=${encodeURIComponent(d.subject.key)}`
      : "";
  return (
    <div className="messaging">
      <h1>Messagerie</h1>
      <MessagingNav current="new" total={d.total} />
      <h2>Envoyer un message</h2>
      <FormErrors
        errors={{
          ...errors,
          // "Suivant" without a choice (a GET form): the same summary as a refused message.
          ...(d.step === "choose" && d.categoryMissing ? { categorie: "Choisissez une catégorie." } : {}),
          ...(d.step === "choose" && d.subjectMissing ? { sujet: "Choisissez l'objet de votre demande." } : {}),
        }}
      />

      {d.step === "choose" ? (
        <form method="get" action="/messagerie/nouveau" className="card form-card" noValidate>
          <div className={d.categoryMissing ? "field field--error" : "field"}>
            <label htmlFor="categorie">Choisir une catégorie</label>
            {d.categoryMissing ? (
              <p className="field__error" id="categorie-erreur">
                Choisissez une catégorie.
              </p>
            ) : null}
            <select
              id="categorie"
              name="categorie"
              defaultValue={d.category?.key ?? ""}
              required
              aria-invalid={d.categoryMissing ? true : undefined}
              aria-describedby={d.categoryMissing ? "categorie-erreur" : undefined}
            >
              <option value="">Choisissez…</option>
              {d.categories.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          {d.category ? (
            <div className={d.subjectMissing ? "field field--error" : "field"}>
              <label htmlFor="sujet">Choisir l'objet de la demande</label>
              {d.subjectMissing ? (
                <p className="field__error" id="sujet-erreur">
                  Choisissez l'objet de votre demande.
                </p>
              ) : null}
              <select
                id="sujet"
                name="sujet"
                defaultValue=""
                required
                aria-invalid={d.subjectMissing ? true : undefined}
                aria-describedby={d.subjectMissing ? "sujet-erreur" : undefined}
              >
                <option value="">Choisissez…</option>
                {d.category.subjects.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="muted">
              Choisissez d'abord une catégorie, puis « Suivant » : la liste des objets s'affichera.
            </p>
          )}
          <button type="submit" className="button button--primary">
            Suivant
          </button>
          <p>
            Une question fréquente ? <a href="/aide">Consultez l'aide</a> : la réponse y est peut-être.
          </p>
        </form>
      ) : null}

      {d.step === "service" && d.subject?.service ? (
        <section className="good-to-know" aria-labelledby="bon-a-savoir">
          <h3 id="bon-a-savoir">Bon à savoir !</h3>
          <p>Un service en ligne « {d.subject.service.label} » est disponible pour réaliser cette démarche.</p>
          <SuggestedArticles articles={d.articles} />
          <p className="actions">
            <a className="button button--primary" href={d.subject.service.href}>
              Accéder au service
            </a>
            <a href={`/messagerie/nouveau?${chosen}&ecrire=1`}>Envoyer un message</a>
          </p>
          <p>
            <a href={`/messagerie/nouveau?categorie=${encodeURIComponent(d.category!.key)}`}>Choisir un autre objet</a>
          </p>
        </section>
      ) : null}

      {d.step === "compose" && d.subject && (d.articles.length > 0 || d.subject.service) ? (
        <section className="good-to-know" aria-labelledby="avant-d-ecrire">
          <h3 id="avant-d-ecrire">Avant d'écrire</h3>
          {d.subject.service ? (
            <p>
              Un service en ligne fait cette démarche directement :{" "}
              <a href={d.subject.service.href}>{d.subject.service.label}</a>.
            </p>
          ) : null}
          <SuggestedArticles articles={d.articles} />
        </section>
      ) : null}

      {d.step === "compose" && d.category && d.subject ? (
        <form
          method="post"
          encType="multipart/form-data"
          action={`/messagerie/nouveau?${chosen}&ecrire=1`}
          className="card form-card"
          data-garde-brouillon=""
          noValidate
        >
          <dl className="detail-list">
            <div>
              <dt>Catégorie</dt>
              <dd>{d.category.label}</dd>
            </div>
            <div>
              <dt>Objet</dt>
              <dd>{d.subject.label}</dd>
            </div>
          </dl>
          <p>
            <a href={`/messagerie/nouveau?categorie=${encodeURIComponent(d.category.key)}`}>Modifier l'objet</a>
          </p>
          <ol>
            <li>Rédigez votre message.</li>
            <li>Ajoutez vos documents avec « Importer des fichiers » si besoin.</li>
            <li>Validez votre demande.</li>
          </ol>
          {d.kept && !actionData ? <KeptDraftNotice /> : null}
          <input type="hidden" name="categorie" value={d.category.key} />
          <input type="hidden" name="sujet" value={d.subject.key} />
          <ComposeFields errors={errors} values={values} />
          <button type="submit" className="button button--primary">
            Valider et envoyer
          </button>
        </form>
      ) : null}
      <HelpLinks articles={d.help} />
    </div>
  );
}

/** Help articles matching the subject, "Bon à savoir" style; nothing when none matches. */
function SuggestedArticles({ articles }: { articles: { slug: string; title: string; summary: string }[] }) {
  if (articles.length === 0) return null;
  return (
    <>
      <p>Ces articles de l'aide répondent peut-être à votre question :</p>
      <ul className="link-list suggested-articles">
        {articles.map((a) => (
          <li key={a.slug}>
            <a href={`/aide/${a.slug}`}>{a.title}</a>
            <span className="muted"> – {a.summary}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
