import { useEffect, useState, useSyncExternalStore } from "react";

const standaloneQuery = "(display-mode: standalone)";
const isStandalone = () => window.matchMedia(standaloneQuery).matches;
function subscribeToDisplayMode(onChange: () => void) {
  const query = window.matchMedia(standaloneQuery);
  query.addEventListener("change", onChange);
  return () => {
    query.removeEventListener("change", onChange);
  };
}

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

/**
 * "Installer l'application": the browser's own install prompt where it offers one (Android, desktop Chrome and
 * Edge), the steps for Safari on iPhone otherwise; the store links only when the brand configures them.
 */
export function InstallApp({
  text,
  appStoreUrl,
  playStoreUrl,
}: {
  text: string | null;
  appStoreUrl: string | null;
  playStoreUrl: string | null;
}) {
  const [prompt, setPrompt] = useState<InstallPromptEvent | null>(null);
  const [installed, setInstalled] = useState(false);
  // Opened from the home screen already: read from the browser (false on the server, then the real answer).
  const standalone = useSyncExternalStore(subscribeToDisplayMode, isStandalone, () => false);
  useEffect(() => {
    const offer = (event: Event) => {
      event.preventDefault();
      setPrompt(event as InstallPromptEvent);
    };
    const done = () => {
      setInstalled(true);
    };
    window.addEventListener("beforeinstallprompt", offer);
    window.addEventListener("appinstalled", done);
    return () => {
      window.removeEventListener("beforeinstallprompt", offer);
      window.removeEventListener("appinstalled", done);
    };
  }, []);
  return (
    <section className="card card--app" aria-labelledby="appli">
      <h2 id="appli">Installer l'application</h2>
      <p>{text ?? "Votre espace adhérent et votre carte de tiers payant sur l'écran d'accueil de votre téléphone."}</p>
      {installed || standalone ? (
        <p role="status">L'application est installée sur cet appareil.</p>
      ) : prompt ? (
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            void (async () => {
              await prompt.prompt();
              const { outcome } = await prompt.userChoice;
              setPrompt(null);
              if (outcome === "accepted") setInstalled(true);
            })();
          }}
        >
          Installer l'application
        </button>
      ) : (
        <ul>
          <li>Sur Android (Chrome) : menu ⋮, puis « Installer l'application » ou « Ajouter à l'écran d'accueil ».</li>
          <li>Sur iPhone (Safari) : bouton Partager, puis « Sur l'écran d'accueil ».</li>
        </ul>
      )}
      {appStoreUrl || playStoreUrl ? (
        <ul className="store-links">
          {appStoreUrl ? (
            <li>
              <a href={appStoreUrl} rel="noopener noreferrer">
                Télécharger dans l'App Store
              </a>
            </li>
          ) : null}
          {playStoreUrl ? (
            <li>
              <a href={playStoreUrl} rel="noopener noreferrer">
                Disponible sur Google Play
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}
