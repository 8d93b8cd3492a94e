// Sessions end after 30 minutes without use (advisors 15): WCAG 2.2.1 asks to warn before, and to let the
// person extend. Two minutes before the end a modal dialog says how long is left, with "Rester connecté"
// (a POST to /session/prolonger, which slides the session like any page view). If nothing is done, the
// page goes to /connexion?expiree=1, which says "Votre session a expiré". The count restarts at every
// navigation, as the server's idle expiry does. Without JavaScript there is no warning; the sign-in page
// still says the session expired when the next page is asked for (docs/accessibility.md).
import { useEffect, useRef, useState } from "react";
import { useFetcher, useLocation } from "react-router";
import { draftLifetimeMinutes } from "../modules/drafts/lifetime.ts";

/** How long before the end the warning shows. */
export const warnBeforeSeconds = 120;

function timeLeft(seconds: number): string {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes > 1 ? "s" : ""}`;
  }
  return `${seconds} seconde${seconds > 1 ? "s" : ""}`;
}

export function SessionTimeout({ idleSeconds }: { idleSeconds: number }) {
  const location = useLocation();
  const extend = useFetcher<{ ok: boolean }>();
  const dialog = useRef<HTMLDialogElement>(null);
  const [lastUse, setLastUse] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());

  // Each navigation is a use of the session on the server: the count restarts.
  useEffect(() => {
    setLastUse(Date.now());
  }, [location.key]);
  useEffect(() => {
    if (extend.state === "idle" && extend.data?.ok) setLastUse(Date.now());
  }, [extend.state, extend.data]);
  useEffect(() => {
    const tick = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(tick);
    };
  }, []);

  const left = Math.max(0, Math.round((lastUse + idleSeconds * 1000 - now) / 1000));
  const warn = left <= warnBeforeSeconds;
  // A page whose form keeps a draft (`data-garde-brouillon`, docs/accessibility.md) stays as it is once the
  // session is over: sending the form keeps what was typed, and it is back after signing in again. Any other
  // page goes to the sign-in page, which brings the member back here afterwards.
  // Only ever true in the browser (left is the full lifetime when rendered on the server).
  const expired = left === 0 && document.querySelector("form[data-garde-brouillon]") !== null;
  const back = useRef<HTMLButtonElement>(null);
  // The dialog's control changed under the focus: "Revenir au formulaire" takes it.
  useEffect(() => {
    if (expired) back.current?.focus();
  }, [expired]);
  useEffect(() => {
    if (left !== 0 || expired) return;
    const here = window.location.pathname + window.location.search;
    window.location.assign(
      here === "/" ? "/connexion?expiree=1" : `/connexion?expiree=1&redirectTo=${encodeURIComponent(here)}`,
    );
  }, [left, expired]);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    // showModal moves focus into the dialog, onto its only control, "Rester connecté".
    if (warn && !d.open) d.showModal();
    if (!warn && d.open) d.close();
  }, [warn]);

  return (
    <dialog
      ref={dialog}
      className="session-timeout"
      aria-labelledby="session-titre"
      aria-describedby="session-texte"
      onCancel={(e) => {
        e.preventDefault();
      }}
    >
      {expired ? (
        <>
          <h2 id="session-titre">Votre session a expiré</h2>
          <p id="session-texte">
            Ce que vous avez saisi n'est pas perdu : envoyez le formulaire, reconnectez-vous, et vous le retrouverez
            (pendant {draftLifetimeMinutes} minutes ; les fichiers joints seront à ajouter de nouveau).
          </p>
          <button
            ref={back}
            type="button"
            className="button button--primary"
            onClick={() => {
              dialog.current?.close();
              document
                .querySelector<HTMLElement>(
                  "form[data-garde-brouillon] textarea, form[data-garde-brouillon] input:not([type=hidden])",
                )
                ?.focus();
            }}
          >
            Revenir au formulaire
          </button>
        </>
      ) : (
        <>
          <h2 id="session-titre">Votre session va bientôt expirer</h2>
          {/* Whole minutes (then seconds in the last one): the text changes rarely, it is read when the dialog opens. */}
          <p id="session-texte">
            Sans action de votre part, vous serez déconnecté dans {timeLeft(left)}. Ce que vous avez saisi sur cette
            page et pas encore envoyé serait alors perdu, sauf sur un formulaire qui le garde (un message, une demande).
          </p>
          <extend.Form method="post" action="/session/prolonger">
            <button type="submit" className="button button--primary">
              Rester connecté
            </button>
          </extend.Form>
        </>
      )}
    </dialog>
  );
}
