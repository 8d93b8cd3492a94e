// The installable app (issue 23): a manifest and icons from the brand configuration, a worker for the whole
// space that stores only static assets and the offline page, and the dashboard's install block.
import sharp from "sharp";
import { describe, expect, test } from "../support/fixtures.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";

describe("installable app", () => {
  test("serves a manifest from the brand: name, colours, standalone, icons at 192 and 512 px", async ({ server }) => {
    const res = await fetch(`${server.baseUrl}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/manifest\+json/);
    const manifest = await res.json();
    expect(manifest).toMatchObject({
      name: "Mutuelle Démo – Espace adhérent",
      short_name: "Démo",
      lang: "fr",
      start_url: "/",
      scope: "/",
      display: "standalone",
      theme_color: "#1d4f91",
      background_color: "#f4f6fa",
    });
    // Chromium's installability criteria: a 192 px and a 512 px icon; a maskable one for Android's shapes.
    for (const size of [192, 512]) {
      const icon = manifest.icons.find(
        (i: { sizes: string; purpose: string }) => i.sizes === `${size}x${size}` && i.purpose === "any",
      );
      const png = await fetch(server.baseUrl + icon.src);
      expect(png.headers.get("content-type")).toBe("image/png");
      const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", size, size]);
    }
    expect(manifest.icons.some((i: { purpose: string }) => i.purpose === "maskable")).toBe(true);
    const apple = await sharp(
      Buffer.from(await (await fetch(`${server.baseUrl}/icones/apple-touch-icon.png`)).arrayBuffer()),
    ).metadata();
    expect(apple.width).toBe(180);
    expect((await fetch(`${server.baseUrl}/icones/autre.png`)).status).toBe(404);
  });

  test("links the manifest on every page and registers the worker on member pages only", async ({ server }) => {
    const signIn = await (await fetch(`${server.baseUrl}/connexion`)).text();
    expect(signIn).toMatch(/<link [^>]*rel="manifest" href="\/manifest.webmanifest"\/>/);
    expect(signIn).toContain('<meta name="theme-color" content="#1d4f91"/>');
    expect(signIn).not.toContain('register("/sw.js"');
    // The sign-in page removes the card's worker only: the space's worker holds the device's push subscription.
    expect(signIn).toContain('x.scope.indexOf("/documents/carte-tiers-payant/")>0)x.unregister()');
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    const home = await (await member.get("/")).text();
    expect(home).toContain('navigator.serviceWorker.register("/sw.js",{scope:"/"})');
    // The dashboard's block: the install steps, and no store link since the demo brand has no store app.
    const text = visibleText(home);
    expect(text).toContain("Installer l'application");
    expect(text).toContain("Sur iPhone (Safari) : bouton Partager, puis « Sur l'écran d'accueil ».");
    expect(home).not.toContain("apps.apple.com");
    expect(text).not.toContain("Application mobile");
  });

  test("serves the worker and a French offline page; the worker stores static assets only", async ({ server }) => {
    const worker = await fetch(`${server.baseUrl}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get("content-type")).toMatch(/javascript/);
    const code = await worker.text();
    expect(code).toContain('request.mode === "navigate"');
    expect(code).toContain("/hors-ligne.html");
    // Push notifications (issue 23): shown with the server's words, opening a path of this origin only.
    expect(code).toContain('self.addEventListener("push"');
    expect(code).toContain('path.startsWith("/") && !path.startsWith("//")');
    const offline = await fetch(`${server.baseUrl}/hors-ligne.html`);
    expect(offline.status).toBe(200);
    expect(visibleText(await offline.text())).toContain("Vous êtes hors connexion");
  });
});
