// Keeps the tiers payant card (its page and its PDF) available offline, and nothing else: the scope is
// /documents/carte-tiers-payant/. Network first, so a card is never older than the last visit online.
const CACHE = "carte-tiers-payant-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !new URL(request.url).pathname.startsWith("/documents/carte-tiers-payant/")) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request).then((cached) => cached ?? Response.error())),
  );
});
