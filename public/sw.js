// The installable app's service worker, scoped to the whole space. It never stores a personal page or file:
// only the static assets (Vite's hashed /assets/, the brand's images, the app icons) and the French offline
// page. Pages are always fetched from the network; when it is unreachable, a page shows the offline page.
// The tiers payant card keeps its own worker (/sw-carte.js, scope /documents/carte-tiers-payant/), which
// controls the card's pages and keeps them offline as before.
const STATIC = "espace-statique-v1";
const OFFLINE = "/hors-ligne.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC)
      .then((cache) => cache.addAll([OFFLINE]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith("espace-statique-") && k !== STATIC).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

const isStatic = (url) =>
  url.origin === self.location.origin &&
  (url.pathname.startsWith("/assets/") ||
    url.pathname.startsWith("/brand/") ||
    url.pathname.startsWith("/icones/") ||
    url.pathname === "/favicon.svg");

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (request.mode === "navigate") {
    // Network only: the page is never stored; offline, the French offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE).then((page) => page ?? Response.error())));
    return;
  }
  if (!isStatic(url)) return; // data, PDFs, attachments: straight to the network, never stored
  event.respondWith(
    caches.open(STATIC).then((cache) =>
      cache.match(request).then(
        (cached) =>
          cached ??
          fetch(request).then((response) => {
            if (response.ok) cache.put(request, response.clone());
            return response;
          }),
      ),
    ),
  );
});

// Web Push (issue 23): the server sends { title, body, url } with no health detail; the notification opens the
// page of the space it links to (a path of this origin only).
self.addEventListener("push", (event) => {
  let message = { title: "Espace adhérent", body: "Du nouveau dans votre espace adhérent.", url: "/" };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // no payload, or not JSON: the generic words above
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      icon: "/icones/icone-192.png",
      badge: "/icones/icone-192.png",
      lang: "fr",
      data: { url: message.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const path = String(event.notification.data?.url ?? "/");
  const target = new URL(path.startsWith("/") && !path.startsWith("//") ? path : "/", self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === target && "focus" in w);
      return open ? open.focus() : self.clients.openWindow(target);
    }),
  );
});
