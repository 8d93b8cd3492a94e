// The one error pattern of every form (RGAA 11.10, 11.11; WCAG 3.3.1; docs/accessibility.md): when a form
// comes back with errors, a summary at its top lists them, each a link to its field, and takes focus so a
// screen reader reads it at once; each field carries aria-invalid and its message in aria-describedby
// (FormField, or fieldErrorProps for a select, a radio group or a file input).
import { type MouseEvent, useEffect, useRef } from "react";
import { focusOnArrival } from "./route-announcer.tsx";

/** A field's error attributes: aria-invalid and the id of its message, plus the id of its hint if it has one. */
export function fieldErrorProps(
  id: string,
  error: string | undefined,
  hintId?: string,
): { "aria-invalid"?: true; "aria-describedby"?: string } {
  const describedBy = [hintId, error ? `${id}-erreur` : undefined].filter(Boolean).join(" ");
  return {
    ...(error ? { "aria-invalid": true as const } : {}),
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
  };
}

/**
 * For a fieldset of radios or checkboxes: the group is described by its hint and message, but not marked
 * aria-invalid (ARIA 1.2 does not support it on a group, and screen readers ignore it there).
 */
export function groupErrorProps(
  id: string,
  error: string | undefined,
  hintId?: string,
): { "aria-describedby"?: string } {
  const { "aria-describedby": describedBy } = fieldErrorProps(id, error, hintId);
  return describedBy ? { "aria-describedby": describedBy } : {};
}

/** A field's message, with the id its field's aria-describedby points to. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="field__error" id={`${id}-erreur`}>
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}

/**
 * A link of the summary moves focus to its field (a fragment alone only scrolls, and would count as a
 * navigation for the route announcer). Without JavaScript the fragment still scrolls to the field.
 */
function goToField(event: MouseEvent<HTMLAnchorElement>) {
  const id = event.currentTarget.hash.slice(1);
  const field = document.getElementById(decodeURIComponent(id));
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView({ block: "center" });
}

/**
 * The summary of a refused form. `errors` maps a field's id to its message; `form` (or any key without a field)
 * is shown as a sentence; `labels` may name a field before its message. Focus moves to the summary each time
 * the errors change (a new answer from the server), with JavaScript; without, the reload starts at the top,
 * where the summary is.
 */
export function ErrorSummary({
  errors,
  title = "Le formulaire n'a pas été envoyé, corrigez :",
  generalKeys = ["form"],
}: {
  errors: Record<string, string | undefined> | null | undefined;
  title?: string;
  /** Keys of errors about the whole form, not one field: listed as plain text. */
  generalKeys?: string[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const list = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  useEffect(() => {
    // Each answer from the server is a new errors object: focus again, even with the same messages.
    if (Object.values(errors ?? {}).some(Boolean)) ref.current?.focus();
  }, [errors]);
  if (list.length === 0) return null;
  return (
    <div
      ref={ref}
      className="alert alert--error error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="erreurs-titre"
      // A submission answered on its own page may still count as a navigation (a new location key): the route
      // announcer then focuses this summary rather than the h1.
      {...focusOnArrival}
    >
      <p id="erreurs-titre" className="error-summary__title">
        {title}
      </p>
      <ul>
        {list.map(([field, message]) =>
          generalKeys.includes(field) ? (
            <li key={field}>{message}</li>
          ) : (
            <li key={field}>
              <a href={`#${field}`} onClick={goToField}>
                {message}
              </a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
