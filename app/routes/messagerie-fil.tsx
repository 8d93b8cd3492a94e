// One thread: the exchange, its attachments, and a reply form (which puts the thread back "En cours").
// Opening it marks it read.
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { uuidPattern } from "../modules/shared/iso-date.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { redirect } from "react-router";
import {
  ComposeFields,
  FormErrors,
  KeptDraftNotice,
  MessageList,
  MessagingNav,
  ThreadStatus,
} from "../components/messaging.tsx";
import { servicesContext } from "../context.ts";
import { formDraft, notFound, requireScope } from "../guards.server.ts";
import { keepOrDiscard } from "../modules/claims/attachments.server.ts";
import { categoryLabel, subjectLabel } from "../modules/messaging/categories.ts";
import { assertWithinUploadQuota } from "../modules/claims/quotas.server.ts";
import { readMessageForm, refuseMemberMessage } from "../modules/messaging/compose.server.ts";
import { messageFileStore } from "../modules/messaging/files.server.ts";
import { replySchema } from "../modules/messaging/message-form.ts";
import { listThreads, openThread, replyAsMember } from "../modules/messaging/threads.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/messagerie-fil";
import { getMessageCatalog } from "../modules/messaging/categories.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.thread.subject ?? "Message"} – Messagerie – Espace adhérent` },
];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "messages");
  const id = args.params.id;
  if (!uuidPattern.test(id)) notFound();
  const { db, clock } = args.context.get(servicesContext);
  const thread = await openThread(db, viewer, id);
  if (!thread) notFound();
  const catalog = await getMessageCatalog(db);
  const params = new URL(args.request.url).searchParams;
  // The reply typed when the session had expired, kept until the member signed in again (issue 25, item 6).
  const draft = await formDraft(args, viewer);
  const [threads, help] = await Promise.all([listThreads(db, viewer), helpForPage(db, "messagerie-fil")]);
  return {
    kept: draft?.message ? { message: draft.message } : null,
    total: threads.length,
    sent: params.has("envoye"),
    thread: {
      id: thread.id,
      category: categoryLabel(catalog, thread.category),
      subject: subjectLabel(catalog, thread.category, thread.subject),
      status: thread.status,
      messages: thread.messages.map((m) => ({
        id: m.id,
        author: m.author,
        body: m.body,
        on: clock.dateOf(m.createdAt),
        files: m.files,
      })),
    },
    help,
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireScope(args, "messages", { keepDraft: ["message"] });
  const id = args.params.id;
  if (!uuidPattern.test(id)) notFound();
  const services = args.context.get(servicesContext);
  const store = messageFileStore(services);
  const refused = await refuseMemberMessage(services, viewer, args.request);
  if (refused) return actionFailure(refused.status, { fieldErrors: refused.fieldErrors });
  const form = await readMessageForm(args.request, store, replySchema());
  if (!form.ok) return actionFailure(form.status, { fieldErrors: form.fieldErrors, values: form.values });
  try {
    await keepOrDiscard(store, form.stored, async () => {
      await assertWithinUploadQuota(services.db, viewer, services.quotas, form.stored);
      await replyAsMember(services, viewer, id, form.value.message, form.stored);
    });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    return appErrorAnswer(error, (refusal) =>
      actionResult({ fieldErrors: { fichiers: refusal.message }, values: { message: form.value.message } }),
    );
  }
  throw redirect(`/messagerie/${id}?envoye=1`);
}

export default function Thread({
  loaderData: { thread: t, total, sent, kept, help },
  actionData,
}: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  return (
    <div className="messaging">
      <p>
        <a href="/messagerie">← Tous les messages</a>
      </p>
      <MessagingNav current="all" total={total} />
      {sent ? (
        <div className="alert alert--info" role="status">
          Votre message est envoyé. Votre conseiller vous répondra dans cette messagerie.
        </div>
      ) : null}
      <h1>{t.subject}</h1>
      <p className="lead">
        {t.category} — <ThreadStatus status={t.status} />
      </p>
      <h2>Échanges</h2>
      <MessageList messages={t.messages} who="member" fileHref={(fileId) => `/messagerie/${t.id}/fichiers/${fileId}`} />
      <section className="card" aria-labelledby="repondre">
        <h2 id="repondre">Répondre</h2>
        <form method="post" encType="multipart/form-data" noValidate data-garde-brouillon="">
          <FormErrors errors={errors} />
          {kept && !actionData ? <KeptDraftNotice /> : null}
          <ComposeFields errors={errors} values={actionData?.values ?? kept ?? {}} label="Votre réponse" />
          <button type="submit" className="button button--primary">
            Envoyer la réponse
          </button>
        </form>
      </section>
      <p className="muted">Les messages sont disponibles pendant 1 an sur votre messagerie en ligne.</p>
      <HelpLinks articles={help} />
    </div>
  );
}
