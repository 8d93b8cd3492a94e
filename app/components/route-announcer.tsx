// What a screen-reader user hears after a client-side navigation (RGAA 7.1, 7.5; docs/accessibility.md).
// Server-rendered pages need none of this: a full page load starts reading at the top. After a link or a
// <Form> redirect handled by React Router, though, nothing tells them the page changed: focus stays on the
// link (or falls to <body>), and a confirmation rendered by the new route ("Votre demande est bien
// envoyée") is inserted together with its role="status", which most screen readers do not read.
// And a form answered with its errors on its own page puts "Erreur – " before the title.
// So, after every navigation:
//  - focus moves to the page's own target if it names one (`data-focus-on-arrival`, e.g. the code field
//    of the step-up's second step), else to the page's h1, which reads the new page's name;
//  - the page's messages (its `role="status"`/`role="alert"` boxes) are copied into this live region,
//    which is in the layout from the first render, so the change is announced; without a message, the
//    new page's title is announced.
import { useEffect, useRef, useState } from "react";
import { useLocation, useNavigation } from "react-router";

/** Put on an element that should take focus when its page is reached by a client-side navigation. */
export const focusOnArrival = { "data-focus-on-arrival": "" } as const;

function focusTarget(): HTMLElement | null {
  const explicit = document.querySelector<HTMLElement>("[data-focus-on-arrival]");
  if (explicit) return explicit;
  const h1 = document.querySelector<HTMLElement>("main h1") ?? document.querySelector<HTMLElement>("h1");
  if (h1 && !h1.hasAttribute("tabindex")) h1.setAttribute("tabindex", "-1");
  return h1;
}

function pageMessages(): string {
  const boxes = document.querySelectorAll<HTMLElement>("main [role='status'], main [role='alert']");
  return [...boxes]
    .map((b) => b.textContent?.replace(/\s+/g, " ").trim() ?? "")
    .filter(Boolean)
    .join(" ");
}

/** "Erreur – " leads the title while the page shows a form's errors (the server does the same: entry.server.tsx). */
export const errorTitlePrefix = "Erreur – ";

function markTitleWithErrors() {
  const hasErrors =
    document.querySelector("main [aria-invalid='true'], main [role='alert'], main .field--error") !== null;
  const base = document.title.startsWith(errorTitlePrefix)
    ? document.title.slice(errorTitlePrefix.length)
    : document.title;
  document.title = hasErrors ? errorTitlePrefix + base : base;
}

export function RouteAnnouncer() {
  const location = useLocation();
  const navigation = useNavigation();
  // A form answered on its own page (no new location): its errors, or their absence, show in the title.
  const submitted = useRef(false);
  useEffect(() => {
    if (navigation.state === "submitting") submitted.current = true;
    if (navigation.state !== "idle" || !submitted.current) return undefined;
    submitted.current = false;
    const frame = requestAnimationFrame(markTitleWithErrors);
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [navigation.state]);
  const [message, setMessage] = useState("");
  const first = useRef(true);
  useEffect(() => {
    // The first render is the server's page: the reader starts at the top, nothing to move or announce.
    if (first.current) {
      first.current = false;
      return undefined;
    }
    setMessage("");
    // After React has committed the new route and its <title>: a frame later, everything is in the DOM.
    const frame = requestAnimationFrame(() => {
      focusTarget()?.focus();
      setMessage(pageMessages() || document.title);
    });
    return () => {
      cancelAnimationFrame(frame);
    };
    // Keyed on the location: a redirect to the same URL counts too; a form answered with errors on its own
    // page (no new location) does not, its error summary takes focus itself. The effect reads the DOM, not the
    // key, so the rule sees an extra dependency: the key is what says "a new page", on purpose.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- keyed on the navigation, see above
  }, [location.key]);
  return (
    // aria-live without role="status": the page's own message box stays the only element with that role
    // (getByRole("status") in tests still finds it), this region only repeats it for screen readers.
    <div id="annonces" className="visually-hidden" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
