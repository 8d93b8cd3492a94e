// Pieces shared by the member's and the advisor's messagerie pages.
import { uploadLimits } from "../modules/claims/limits.ts";
import { messageLimits } from "../modules/messaging/message-form.ts";
import { formatDate } from "../modules/shared/format.ts";
import { ActiveContentWarning } from "./active-content-warning.tsx";
import { ErrorSummary } from "./error-summary.tsx";
import { FilesInput } from "./files-input.tsx";

export const threadStatusLabels = { open: "En cours", answered: "Traité" } as const;

/**
 * "Envoyer un message" and "Tous les messages (N)", above every member messagerie page. `current` null: a page of
 * its own (a filtered list, a thread), so neither link is marked as the page being read.
 */
export function MessagingNav({ current, total }: { current: "new" | "all" | null; total: number }) {
  return (
    <nav aria-label="Messagerie">
      <ul className="messaging-nav">
        <li>
          <a href="/messagerie/nouveau" aria-current={current === "new" ? "page" : undefined}>
            Envoyer un message
          </a>
        </li>
        <li>
          <a
            href="/messagerie"
            aria-current={current === "all" ? "page" : undefined}
          >{`Tous les messages (${total})`}</a>
        </li>
      </ul>
    </nav>
  );
}

export function ThreadStatus({ status }: { status: "open" | "answered" }) {
  return (
    <span className={`status status--${status === "open" ? "in_progress" : "accepted"}`}>
      {threadStatusLabels[status]}
    </span>
  );
}

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} Ko`
    : `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} Mo`;

export interface MessageView {
  id: string;
  author: "member" | "advisor";
  body: string;
  on: string;
  files: { id: string; originalName: string; sizeBytes: number; quarantined: boolean; activeContent: boolean }[];
}

/** The exchange, oldest first; `fileHref` gives the download address of an attachment. */
export function MessageList({
  messages,
  who,
  fileHref,
}: {
  messages: MessageView[];
  who: "member" | "advisor";
  fileHref: (fileId: string) => string;
}) {
  const authorLabel = (author: "member" | "advisor") =>
    who === "member"
      ? author === "member"
        ? "Vous"
        : "Votre conseiller"
      : author === "member"
        ? "L'adhérent"
        : "Conseiller";
  return (
    <ol className="messages">
      {messages.map((m) => (
        <li key={m.id} className={`message message--${m.author}`}>
          <p className="message__meta">
            <strong>{authorLabel(m.author)}</strong>, le {formatDate(m.on)}
          </p>
          <p className="message__body">{m.body}</p>
          {m.files.length > 0 ? (
            <ul className="link-list" aria-label="Pièces jointes">
              {m.files.map((f) => (
                <li key={f.id}>
                  {f.quarantined ? (
                    f.originalName
                  ) : (
                    <a href={fileHref(f.id)} download>
                      {f.originalName}
                    </a>
                  )}{" "}
                  <span className="muted">
                    {f.quarantined ? "(vérification antivirus en cours)" : `(${size(f.sizeBytes)})`}
                  </span>
                  {who === "advisor" && f.activeContent ? <ActiveContentWarning /> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The message text and the files, each with its limits stated and its error linked (RGAA 11.10). */
/** Above a message restored after a new sign-in: what was typed is back, the files must be added again. */
export function KeptDraftNotice() {
  return (
    <p className="alert alert--info" role="status">
      Vous êtes de nouveau connecté : nous avons gardé le message que vous aviez saisi. Les fichiers joints ne sont pas
      gardés, ajoutez-les de nouveau avant d'envoyer.
    </p>
  );
}

export function ComposeFields({
  errors,
  values,
  label = "Votre message",
}: {
  errors: Record<string, string>;
  values: Record<string, string>;
  label?: string;
}) {
  const messageDescribedBy = ["message-aide", errors.message ? "message-erreur" : null].filter(Boolean).join(" ");
  return (
    <>
      <div className={errors.message ? "field field--error" : "field"}>
        <label htmlFor="message">{label} *</label>
        <p className="field__hint" id="message-aide">
          {messageLimits.maxChars.toLocaleString("fr-FR")} caractères au plus.
        </p>
        {errors.message ? (
          <p className="field__error" id="message-erreur">
            <span aria-hidden="true">⚠ </span>
            {errors.message}
          </p>
        ) : null}
        <textarea
          id="message"
          name="message"
          rows={10}
          defaultValue={values.message ?? ""}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={messageDescribedBy}
        />
      </div>
      <div className={errors.fichiers ? "field field--error" : "field"}>
        <label htmlFor="fichiers">Importer des fichiers (facultatif)</label>
        <p className="field__hint" id="fichiers-aide">
          PDF, JPEG ou PNG : {uploadLimits.maxFiles} fichiers au plus, 10 Mo chacun.
        </p>
        {errors.fichiers ? (
          <p className="field__error" id="fichiers-erreur">
            <span aria-hidden="true">⚠ </span>
            {errors.fichiers}
          </p>
        ) : null}
        <FilesInput error={errors.fichiers} hintId="fichiers-aide" />
      </div>
    </>
  );
}

/** Errors of a refused message: the one error summary of every form (components/error-summary.tsx). */
export function FormErrors({ errors }: { errors: Record<string, string | undefined> }) {
  return <ErrorSummary title="Le message n'a pas été envoyé, corrigez :" errors={errors} />;
}
