// Keeps the tiers payant card available offline (members show it at the pharmacy counter), and no other personal
// page: the scope is /documents/carte-tiers-payant/.
// - The card's page asks for it once this worker is active ("garder-la-carte" message, app/components/offline-card.ts):
//   the worker fetches that one page (a card page's address only, never another), stores it with the static assets
//   the page uses (Vite's /assets/, /brand/, /icones/, /favicon.svg), and answers on the message's port. So the card
//   opens offline after a single visit, even though that first visit was not served through this worker.
// - The card's pages and PDFs it serves: network first (never older than the last visit online), stored copy offline.
// Signing out (the sign-in page) deletes this cache and unregisters the worker.
const CACHE = "carte-tiers-payant-v1";
const CARD_PAGE = /^\/documents\/carte-tiers-payant\/\d{4}$/;
const OFFLINE = "/hors-ligne.html";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

const sameOrigin = (url) => url.origin === self.location.origin;
const isStatic = (url) =>
  sameOrigin(url) &&
  url.search === "" &&
  (url.pathname.startsWith("/assets/") ||
    url.pathname.startsWith("/brand/") ||
    url.pathname.startsWith("/icones/") ||
    url.pathname === "/favicon.svg");

const stored = (request) => caches.match(request, { ignoreVary: true });

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (isStatic(url)) {
    // Hashed or brand assets, the same for everyone: the stored copy (this cache or the app's), else the network.
    event.respondWith(stored(request).then((cached) => cached ?? fetch(request)));
    return;
  }
  if (!sameOrigin(url) || !url.pathname.startsWith("/documents/carte-tiers-payant/")) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(() =>
        stored(request).then(
          (cached) =>
            cached ??
            (request.mode === "navigate" ? stored(OFFLINE).then((page) => page ?? Response.error()) : Response.error()),
        ),
      ),
  );
});

async function keepCard(data) {
  const page = new URL(String(data.page), self.location.origin);
  if (!sameOrigin(page) || page.search !== "" || !CARD_PAGE.test(page.pathname)) return false;
  const cache = await caches.open(CACHE);
  if (data.refresh || !(await cache.match(page.href, { ignoreVary: true }))) {
    try {
      const response = await fetch(page.href, { credentials: "same-origin", cache: "no-store" });
      // A redirect is the sign-in page (session over): nothing is stored.
      if (response.ok && !response.redirected) await cache.put(page.href, response);
    } catch {
      // Offline: the copy stored at an earlier visit, if any, stays.
    }
  }
  const assets = (Array.isArray(data.assets) ? data.assets : [])
    .slice(0, 200)
    .map((href) => new URL(String(href), self.location.origin))
    .filter(isStatic);
  const kept = await Promise.all(
    [...new Set(assets.map((u) => u.href))].map(async (href) => {
      if (await cache.match(href)) return true;
      try {
        const response = await fetch(href);
        if (!response.ok) return false;
        await cache.put(href, response);
        return true;
      } catch {
        return false;
      }
    }),
  );
  return Boolean(await cache.match(page.href, { ignoreVary: true })) && kept.every(Boolean);
}

self.addEventListener("message", (event) => {
  const port = event.ports[0];
  const data = event.data;
  if (!port || !data || data.type !== "garder-la-carte" || event.origin !== self.location.origin) return;
  event.waitUntil(
    keepCard(data).then(
      (ok) => port.postMessage({ ok }),
      () => port.postMessage({ ok: false }),
    ),
  );
});
