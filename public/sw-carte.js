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
      .catch(() => caches.match(request, { ignoreVary: true }).then((cached) => cached ?? Response.error())),
  );
});

// The card page asks, once this worker is active, to keep it and its PDF: on a first visit the page was loaded
// before the worker controlled it, so no fetch above went through here.
self.addEventListener("message", (event) => {
  const paths = Array.isArray(event.data?.keep) ? event.data.keep : [];
  const wanted = paths.filter((path) => typeof path === "string" && path.startsWith("/documents/carte-tiers-payant/"));
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        wanted.map((path) =>
          fetch(path, { credentials: "same-origin" }).then(
            (response) => (response.ok && !response.redirected ? cache.put(path, response) : undefined),
            () => undefined,
          ),
        ),
      ),
    ),
  );
});
