// One thread for an advisor, with the member's identity and contract beside it (each view is audited):
// "Prendre en charge", and a reply with attachments that makes it "Traité" and unread for the member,
// who is told by e-mail (without the content).
import { actionFailure } from "../modules/forms/action-result.ts";
import { redirect } from "react-router";
import { z } from "zod";
import { ComposeFields, FormErrors, MessageList, ThreadStatus } from "../components/messaging.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { keepOrDiscard } from "../modules/claims/attachments.server.ts";
import { assignToSelf, replyAsAdvisor, viewThreadAsAdvisor } from "../modules/messaging/advisor.server.ts";
import { categoryLabel, subjectLabel } from "../modules/messaging/categories.ts";
import { publicUrlOf, readMessageForm } from "../modules/messaging/compose.server.ts";
import { messageFileStore } from "../modules/messaging/files.server.ts";
import { replySchema } from "../modules/messaging/message-form.ts";
import { notifyNewMessage } from "../modules/messaging/notify.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { formatDate } from "../modules/shared/format.ts";
import { textField } from "../modules/forms/form-data.ts";
import type { Route } from "./+types/back-office-messagerie-fil";
import { getMessageCatalog } from "../modules/messaging/categories.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData ? `${loaderData.thread.subject} – ` : ""}Message – Espace conseiller` },
];

const roleLabels: Record<string, string> = { spouse: "Conjoint", child: "Enfant", other: "Autre bénéficiaire" };

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "messages.handle");
  const id = z.uuid().safeParse(args.params.id);
  if (!id.success) notFound();
  const { db, clock } = args.context.get(servicesContext);
  const thread = await viewThreadAsAdvisor(db, advisor, id.data, args.context.get(requestContext).ip);
  if (!thread) notFound();
  const catalog = await getMessageCatalog(db);
  const params = new URL(args.request.url).searchParams;
  return {
    sent: params.has("envoye"),
    thread: {
      ...thread,
      category: categoryLabel(catalog, thread.category),
      subject: subjectLabel(catalog, thread.category, thread.subject),
      messages: thread.messages.map((m) => ({
        id: m.id,
        author: m.author,
        body: m.body,
        on: clock.dateOf(m.createdAt),
        files: m.files,
      })),
    },
  };
}

export async function action(args: Route.ActionArgs) {
  const advisor = await requirePermission(args, "messages.handle");
  const id = z.uuid().safeParse(args.params.id);
  if (!id.success) notFound();
  const services = args.context.get(servicesContext);
  const ip = args.context.get(requestContext).ip;
  try {
    if (!args.request.headers.get("content-type")?.startsWith("multipart/form-data")) {
      // A clone: a reply without files (plain form) is read again below.
      const form = await args.request.clone().formData();
      if (textField(form, "intent") === "prendre") {
        await assignToSelf(services.db, advisor, id.data, ip);
        throw redirect(`/back-office/messagerie/${id.data}`);
      }
    }
    const store = messageFileStore(services);
    const form = await readMessageForm(args.request, store, replySchema());
    if (!form.ok) return actionFailure(form.status, { fieldErrors: form.fieldErrors, values: form.values });
    const reply = await keepOrDiscard(store, form.stored, () =>
      replyAsAdvisor(services, advisor, id.data, form.value.message, form.stored, ip),
    );
    if (reply.email) {
      // The reply is saved: a mail server failing must not undo it. The SMTP error may name the address: log the event only.
      await notifyNewMessage(services, {
        to: reply.email,
        publicUrl: publicUrlOf(services.env),
        threadId: reply.threadId,
      }).catch(() => {
        services.logger.error({ event: "message_email_failed" });
      });
    }
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  throw redirect(`/back-office/messagerie/${id.data}?envoye=1`);
}

export default function AdvisorThread({ loaderData: { thread: t, sent }, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const m = t.member;
  return (
    <div className="messaging">
      <p>
        <a href="/back-office/messagerie">← Messages en attente</a>
      </p>
      {sent ? (
        <div className="alert alert--info" role="status">
          Votre réponse est envoyée. L'adhérent est prévenu par e-mail.
        </div>
      ) : null}
      <h1>{t.subject}</h1>
      <p className="lead">
        {t.category} — <ThreadStatus status={t.status} /> — pris en charge par{" "}
        {t.assignedToMe ? "vous" : (t.assignedToName ?? "personne")}
      </p>
      {!t.assignedToMe ? (
        <form method="post">
          <input type="hidden" name="intent" value="prendre" />
          <button type="submit" className="button button--quiet">
            Prendre en charge
          </button>
        </form>
      ) : null}
      <div className="thread-page thread-page--advisor">
        <div>
          <h2>Échanges</h2>
          <MessageList
            messages={t.messages}
            who="advisor"
            fileHref={(fileId) => `/back-office/messagerie/${t.id}/fichiers/${fileId}`}
          />
          <section className="card" aria-labelledby="repondre">
            <h2 id="repondre">Répondre à l'adhérent</h2>
            <form method="post" encType="multipart/form-data" noValidate>
              <FormErrors errors={errors} />
              <ComposeFields errors={errors} values={actionData?.values ?? {}} label="Votre réponse" />
              <button type="submit" className="button button--primary">
                Envoyer la réponse
              </button>
            </form>
          </section>
        </div>
        <aside className="card" aria-labelledby="adherent">
          <h2 id="adherent">Adhérent</h2>
          <dl className="detail-list">
            <div>
              <dt>Nom</dt>
              <dd>
                {m.firstName} {m.lastName}
              </dd>
            </div>
            <div>
              <dt>Numéro d'adhérent</dt>
              <dd>{m.memberNumber}</dd>
            </div>
            <div>
              <dt>Niveau de garantie</dt>
              <dd>{m.coverageLevel}</dd>
            </div>
            <div>
              <dt>Adhérent depuis le</dt>
              <dd>{formatDate(m.coverageStart)}</dd>
            </div>
            {m.coverageEnd ? (
              <div>
                <dt>Fin du contrat</dt>
                <dd>{formatDate(m.coverageEnd)}</dd>
              </div>
            ) : null}
          </dl>
          <h3>Bénéficiaires</h3>
          {m.beneficiaries.length === 0 ? (
            <p>Aucun autre bénéficiaire.</p>
          ) : (
            <ul>
              {m.beneficiaries.map((b) => (
                <li key={`${b.firstName}-${b.lastName}-${b.role}`}>
                  {b.firstName} {b.lastName} ({roleLabels[b.role] ?? b.role})
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </div>
  );
}
