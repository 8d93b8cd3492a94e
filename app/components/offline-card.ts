// Browser only. The tiers payant card's page asks its worker (public/sw-carte.js) to keep it for offline use, so
// a single visit is enough: the first visit happens before the worker controls the page, so the worker cannot
// have stored it on the way. Resolves true once the worker says the page and its assets are stored.

const workerScript = "/sw-carte.js";
const scope = "/documents/carte-tiers-payant/";
const staticPath = /^\/(assets|brand|icones)\/|^\/favicon\.svg$/;

function activeWorker(registration: ServiceWorkerRegistration): Promise<ServiceWorker> {
  if (registration.active) return Promise.resolve(registration.active);
  return new Promise((resolve) => {
    const check = () => {
      if (registration.active) resolve(registration.active);
    };
    const watch = (worker: ServiceWorker | null) => worker?.addEventListener("statechange", check);
    watch(registration.installing);
    watch(registration.waiting);
    registration.addEventListener("updatefound", () => watch(registration.installing));
  });
}

/** The same-origin static files this page loaded (scripts, styles, fonts, the brand's images). */
function pageAssets(): string[] {
  const urls = new Set<string>();
  const add = (href: string | null | undefined) => {
    if (!href) return;
    const url = new URL(href, location.href);
    if (url.origin === location.origin && url.search === "" && staticPath.test(url.pathname)) urls.add(url.pathname);
  };
  for (const el of document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"], link[rel="modulepreload"]'))
    add(el.href);
  for (const el of document.querySelectorAll<HTMLScriptElement>("script[src]")) add(el.src);
  for (const el of document.querySelectorAll<HTMLImageElement>("img[src]")) add(el.src);
  for (const entry of performance.getEntriesByType("resource")) add(entry.name);
  return [...urls];
}

export async function keepCardOffline(pathname: string): Promise<boolean> {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return false;
  const servedByWorker = navigator.serviceWorker.controller?.scriptURL === new URL(workerScript, location.href).href;
  const registration = await navigator.serviceWorker.register(workerScript, { scope });
  const worker = await activeWorker(registration);
  const channel = new MessageChannel();
  const answer = new Promise<boolean>((resolve) => {
    channel.port1.onmessage = (event: MessageEvent<{ ok?: boolean }>) => {
      resolve(event.data?.ok === true);
    };
  });
  worker.postMessage({ type: "garder-la-carte", page: pathname, assets: pageAssets(), refresh: !servedByWorker }, [
    channel.port2,
  ]);
  return answer;
}

/**
 * Signed out (the sign-in page): the card's offline copy must not stay on a shared phone. The sign-in page also
 * does this in an inline script for a full page load; this covers arriving there by a client-side navigation
 * (the header's "Se déconnecter" form), where an inline script rendered by React does not run.
 */
export async function forgetOfflineCard(): Promise<void> {
  if ("caches" in window) await caches.delete("carte-tiers-payant-v1");
  if ("serviceWorker" in navigator) {
    const registrations = await navigator.serviceWorker.getRegistrations();
    // The card's worker only: the space's own (public/sw.js) carries the device's push subscription.
    await Promise.all(
      registrations.filter((r) => r.scope.includes("/documents/carte-tiers-payant/")).map((r) => r.unregister()),
    );
  }
}
