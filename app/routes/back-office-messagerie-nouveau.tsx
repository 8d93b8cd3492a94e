// An advisor writes first, to a member found by numéro d'adhérent, in "Message de votre conseiller".
import { actionFailure } from "../modules/forms/action-result.ts";
import { redirect } from "react-router";
import { ComposeFields, FormErrors } from "../components/messaging.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { keepOrDiscard } from "../modules/claims/attachments.server.ts";
import { startThreadAsAdvisor } from "../modules/messaging/advisor.server.ts";
import { advisorCategory } from "../modules/messaging/categories.ts";
import { publicUrlOf, readMessageForm } from "../modules/messaging/compose.server.ts";
import { messageFileStore } from "../modules/messaging/files.server.ts";
import { advisorNewThreadSchema } from "../modules/messaging/message-form.ts";
import { notifyNewMessage } from "../modules/messaging/notify.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import type { Route } from "./+types/back-office-messagerie-nouveau";
import { getMessageCatalog } from "../modules/messaging/categories.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "Écrire à un adhérent – Espace conseiller" }];

export async function loader(args: Route.LoaderArgs) {
  await requirePermission(args, "messages.handle");
  const category = advisorCategory(await getMessageCatalog(args.context.get(servicesContext).db));
  return { category: category.label, subjects: category.subjects.map((s) => ({ key: s.key, label: s.label })) };
}

export async function action(args: Route.ActionArgs) {
  const advisor = await requirePermission(args, "messages.handle");
  const services = args.context.get(servicesContext);
  const store = messageFileStore(services);
  const form = await readMessageForm(args.request, store, advisorNewThreadSchema(await getMessageCatalog(services.db)));
  if (!form.ok) return actionFailure(form.status, { fieldErrors: form.fieldErrors, values: form.values });
  const { numero, sujet, message } = form.value;
  let started: { threadId: string; email: string | null };
  try {
    started = await keepOrDiscard(store, form.stored, () =>
      startThreadAsAdvisor(
        services,
        advisor,
        { memberNumber: numero, subject: sujet, body: message },
        form.stored,
        args.context.get(requestContext).ip,
      ),
    );
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "unknown_member") throw error;
    return actionFailure(400, { fieldErrors: { numero: error.message }, values: form.value });
  }
  if (started.email) {
    await notifyNewMessage(services, {
      to: started.email,
      publicUrl: publicUrlOf(services.env),
      threadId: started.threadId,
    }).catch(() => {
      services.logger.error({ event: "message_email_failed" });
    });
  }
  throw redirect(`/back-office/messagerie/${started.threadId}?envoye=1`);
}

export default function AdvisorNewThread({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  return (
    <div className="messaging">
      <p>
        <a href="/back-office/messagerie">← Messages en attente</a>
      </p>
      <h1>Écrire à un adhérent</h1>
      <p>Catégorie : {d.category}. L'adhérent est prévenu par e-mail, sans le contenu du message.</p>
      <form method="post" encType="multipart/form-data" className="card form-card" noValidate>
        <FormErrors errors={errors} />
        <div className={errors.numero ? "field field--error" : "field"}>
          <label htmlFor="numero">Numéro d'adhérent *</label>
          {errors.numero ? (
            <p className="field__error" id="numero-erreur">
              <span aria-hidden="true">⚠ </span>
              {errors.numero}
            </p>
          ) : null}
          <input
            id="numero"
            name="numero"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={values.numero ?? ""}
            aria-invalid={errors.numero ? true : undefined}
            aria-describedby={errors.numero ? "numero-erreur" : undefined}
          />
        </div>
        <div className={errors.sujet ? "field field--error" : "field"}>
          <label htmlFor="sujet">Objet *</label>
          {errors.sujet ? (
            <p className="field__error" id="sujet-erreur">
              <span aria-hidden="true">⚠ </span>
              {errors.sujet}
            </p>
          ) : null}
          <select
            id="sujet"
            name="sujet"
            defaultValue={values.sujet ?? ""}
            aria-invalid={errors.sujet ? true : undefined}
            aria-describedby={errors.sujet ? "sujet-erreur" : undefined}
          >
            <option value="">Choisissez…</option>
            {d.subjects.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <ComposeFields errors={errors} values={values} />
        <button type="submit" className="button button--primary">
          Envoyer le message
        </button>
      </form>
    </div>
  );
}
