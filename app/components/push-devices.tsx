import { useState, useSyncExternalStore } from "react";
import { useFetcher } from "react-router";

type Support = "checking" | "unsupported" | "denied" | "ready";

// What this browser can do, read on the client only (the server renders "checking": nothing is offered).
const noChange = () => () => {};
function browserSupport(): Support {
  const able = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  if (!able) return "unsupported";
  return Notification.permission === "denied" ? "denied" : "ready";
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * "Recevoir les notifications sur cet appareil": offered only once the page's script runs in a browser with the
 * Push API (progressive enhancement; the page says what is possible without it). Asks the browser's permission,
 * subscribes through the space's service worker with the server's VAPID key, and posts the subscription to the
 * page's action, which lists the device.
 */
export function PushSubscribe({ publicKey }: { publicKey: string }) {
  const fetcher = useFetcher<{ deviceError?: string }>();
  const detected = useSyncExternalStore(noChange, browserSupport, () => "checking" as const);
  const [refused, setRefused] = useState(false);
  const support: Support = refused ? "denied" : detected;
  const [problem, setProblem] = useState<string | null>(null);

  if (support === "checking" || support === "unsupported") return null;
  if (support === "denied")
    return (
      <p className="field__hint" role="status">
        Les notifications sont bloquées pour ce site dans les réglages de votre navigateur : autorisez-les pour ajouter
        cet appareil.
      </p>
    );
  const busy = fetcher.state !== "idle";
  const error = problem ?? fetcher.data?.deviceError ?? null;
  return (
    <div>
      {error ? (
        <p className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => void subscribe()}>
        {busy ? "Ajout en cours…" : "Recevoir les notifications sur cet appareil"}
      </button>
    </div>
  );

  async function subscribe() {
    setProblem(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        if (permission === "denied") setRefused(true);
        else setProblem("Vous n'avez pas autorisé les notifications.");
        return;
      }
      await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      const registration = await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(publicKey),
        }));
      const json = subscription.toJSON();
      await fetcher.submit(
        {
          intent: "appareil-ajouter",
          endpoint: json.endpoint ?? "",
          p256dh: json.keys?.p256dh ?? "",
          auth: json.keys?.auth ?? "",
        },
        { method: "post" },
      );
    } catch {
      setProblem("Votre navigateur n'a pas pu s'abonner aux notifications. Réessayez plus tard.");
    }
  }
}
