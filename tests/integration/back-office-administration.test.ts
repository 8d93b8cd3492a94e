// The back-office's administration pages: advisor accounts (four eyes), news, guarantee tables, messagerie
// categories. Each decision is an administrateur's, checked over HTTP against the real server and database.
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";
import { signInAdvisor, stepUpAdvisor } from "../support/step-up.ts";
import { startBackOfficeCast } from "../support/back-office-cast.ts";
import type { TestServer } from "../support/test-server.ts";

let server: TestServer;
let benoit: TestClient;
let conseiller: TestClient;
let gestionnaire: TestClient;
let admin: TestClient;

beforeAll(async () => {
  ({ server, benoit, conseiller, gestionnaire, admin } = await startBackOfficeCast());
});
afterAll(() => server.close());

describe("administration of advisor accounts", () => {
  it("lets an administrateur propose an advisor a second administrateur approves, who then sets a password; raising a role waits too; nobody else", async () => {
    const page = "/back-office/administration/conseillers";
    expect((await conseiller.get(page)).status).toBe(404);
    expect((await gestionnaire.get(page)).status).toBe(404);
    expect((await benoit.get(page)).status).toBe(404);
    const { user } = await import("../../app/modules/accounts/schema.ts");

    // Without a recent proof of identity nothing changes: the administrateur is sent to confirm it first.
    const stale = await admin.post(page, {
      name: "Sam Nouveau",
      username: "sam.nouveau",
      email: "sam.nouveau@mutuelle.example",
      role: "conseiller",
    });
    expect(stale.headers.get("location")).toBe(`/mon-compte/verification?retour=${encodeURIComponent(page)}`);
    await stepUpAdvisor(admin, server.dataDir, demo.administrator);

    const bad = await admin.post(page, { name: "", username: "1x", email: "nope", role: "chef" });
    expect(bad.status).toBe(400);
    const text = visibleText(await bad.text());
    expect(text).toContain("Saisissez le prénom et le nom.");
    expect(text).toContain("L'identifiant commence par une lettre");
    const proposed = await admin.post(page, {
      name: "Sam Nouveau",
      username: "Sam.Nouveau",
      email: "sam.nouveau@mutuelle.example",
      role: "conseiller",
    });
    expect(proposed.headers.get("location")).toBe(`${page}?fait=propose`);
    // Only proposed: no account, no e-mail yet.
    expect(
      await server.services.db.select({ id: user.id }).from(user).where(eq(user.username, "sam.nouveau")),
    ).toHaveLength(0);
    expect(() => lastMailTo(server.dataDir, "sam.nouveau@mutuelle.example")).toThrow(/no mail to/);
    expect(
      (
        await admin.post(page, {
          name: "Sam Bis",
          username: "sam.nouveau",
          email: "autre@mutuelle.example",
          role: "conseiller",
        })
      ).status,
    ).toBe(409);

    const { advisorProposal } = await import("../../app/modules/back-office/schema.ts");
    const [proposal] = await server.services.db
      .select()
      .from(advisorProposal)
      .where(eq(advisorProposal.username, "sam.nouveau"));
    const ownApproval = await admin.post(page, { intent: "approve", proposalId: proposal!.id });
    expect(ownApproval.status).toBe(403);
    expect(visibleText(await ownApproval.text())).toContain("un autre administrateur doit l'approuver");

    const second = new TestClient(server.baseUrl);
    await signInAdvisor(second, server.dataDir, demo.secondAdministrator);
    const listed = visibleText(await (await second.get(page)).text());
    expect(listed).toContain("Créer le compte de Sam Nouveau (sam.nouveau, sam.nouveau@mutuelle.example) : Conseiller");
    await stepUpAdvisor(second, server.dataDir, demo.secondAdministrator);
    const approved = await second.post(page, { intent: "approve", proposalId: proposal!.id });
    expect(approved.headers.get("location")).toBe(`${page}?fait=cree`);

    const token = /jeton=([^\s&]+)/.exec(lastMailTo(server.dataDir, "sam.nouveau@mutuelle.example").text)![1]!;
    const anonymous = new TestClient(server.baseUrl);
    expect(
      (
        await anonymous.post("/mot-de-passe-oublie/nouveau", {
          jeton: decodeURIComponent(token),
          newPassword: "une phrase de conseiller",
          confirmPassword: "une phrase de conseiller",
        })
      ).status,
    ).toBe(302);
    const sam = new TestClient(server.baseUrl);
    await signInAdvisor(sam, server.dataDir, {
      username: "sam.nouveau",
      email: "sam.nouveau@mutuelle.example",
      password: "une phrase de conseiller",
    });
    expect((await sam.get("/back-office")).status).toBe(200);
    expect((await sam.get("/back-office/rib/nouveau")).status).toBe(200);

    const [row] = await server.services.db.select({ id: user.id }).from(user).where(eq(user.username, "sam.nouveau"));
    // Raising a role is a proposal too; the new role applies once the other administrateur approves it.
    expect(
      (await admin.post(page, { intent: "role", advisorId: row!.id, role: "gestionnaire" })).headers.get("location"),
    ).toBe(`${page}?fait=role-propose`);
    expect(visibleText(await (await sam.get("/back-office")).text())).toContain("Bonjour Sam Nouveau ( Conseiller )");
    const [raise] = await server.services.db
      .select()
      .from(advisorProposal)
      .where(and(eq(advisorProposal.advisorId, row!.id), eq(advisorProposal.status, "pending")));
    expect((await second.post(page, { intent: "approve", proposalId: raise!.id })).headers.get("location")).toBe(
      `${page}?fait=role`,
    );
    expect(visibleText(await (await sam.get("/back-office")).text())).toContain("Bonjour Sam Nouveau ( Gestionnaire )");
    // Lowering it applies at once.
    expect(
      (await admin.post(page, { intent: "role", advisorId: row!.id, role: "conseiller" })).headers.get("location"),
    ).toBe(`${page}?fait=role`);
    expect(visibleText(await (await sam.get("/back-office")).text())).toContain("Bonjour Sam Nouveau ( Conseiller )");
  });
});

describe("news", () => {
  it("an administrateur publishes news every member sees on the dashboard, and withdraws it", async () => {
    expect((await conseiller.get("/back-office/administration/actualites")).status).toBe(404);
    const bad = await admin.post("/back-office/administration/actualites", {
      title: "",
      body: "court",
      publishFrom: "2026-01-01",
      publishUntil: "",
    });
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("Saisissez un titre");
    await admin.post("/back-office/administration/actualites", {
      title: "Téléconsultation remboursée",
      body: "Vos téléconsultations sont remboursées comme une consultation au cabinet.",
      publishFrom: "2026-01-01",
      publishUntil: "",
    });
    await admin.post("/back-office/administration/actualites", {
      title: "Ancienne actualité",
      body: "Elle n'est plus publiée depuis longtemps.",
      publishFrom: "2025-01-01",
      publishUntil: "2025-02-01",
    });
    const claire = new TestClient(server.baseUrl);
    await claire.signIn(demo.claire.number, demo.claire.password);
    const home = visibleText(await (await claire.get("/")).text());
    // Newest first: the demo's two news items (a few weeks old), then this one, all three on the dashboard.
    expect(home).toMatch(/Actualités de votre mutuelle .*Téléconsultation remboursée/);
    expect(home).not.toContain("Ancienne actualité");
    expect(visibleText(await (await claire.get("/actualites")).text())).toContain(
      "Vos téléconsultations sont remboursées",
    );
    const { newsItem } = await import("../../app/modules/news/schema.ts");
    const [item] = await server.services.db
      .select({ id: newsItem.id })
      .from(newsItem)
      .where(eq(newsItem.title, "Téléconsultation remboursée"));
    await admin.post("/back-office/administration/actualites", { intent: "delete", id: item!.id });
    expect(visibleText(await (await claire.get("/")).text())).not.toContain("Téléconsultation remboursée");
  });
});

describe("guarantee tables", () => {
  it("shows the tables in service and checks a new file, with the place of each mistake", async () => {
    expect((await gestionnaire.get("/back-office/administration/garanties")).status).toBe(404);
    const page = visibleText(await (await admin.get("/back-office/administration/garanties")).text());
    expect(page).toContain("Optimale");
    const good = await admin.postMultipart("/back-office/administration/garanties", {}, []);
    expect(good.status).toBe(400);
    const send = (body: string) =>
      admin.postMultipart("/back-office/administration/garanties", {}, [
        { field: "fichier", name: "tableaux.json", bytes: Buffer.from(body), type: "application/json" },
      ]);
    const valid = await send(readFileSync("config/guarantees/demo.json", "utf8"));
    expect(valid.status).toBe(200);
    expect(visibleText(await valid.text())).toContain("le fichier est valide");
    const broken = JSON.parse(readFileSync("config/guarantees/demo.json", "utf8"));
    broken.products[0].levels[0].versions[0].lines[0].rule.kind = "inconnu";
    const invalid = await send(JSON.stringify(broken));
    expect(invalid.status).toBe(400);
    expect(visibleText(await invalid.text())).toContain("products[0].levels[0].versions[0].lines[0]");
  });
});

describe("messagerie categories", () => {
  it("an administrateur renames a subject members then see, and cannot drop a subject messages use", async () => {
    expect((await gestionnaire.get("/back-office/administration/categories")).status).toBe(404);
    const page = await (await admin.get("/back-office/administration/categories")).text();
    const json = /<textarea[^>]*>([\s\S]*?)<\/textarea>/
      .exec(page)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">");
    const catalog = JSON.parse(json) as { key: string; subjects: { key: string; label: string }[] }[];
    const contract = catalog.find((c) => c.key === "modification-contrat")!;
    contract.subjects.find((s) => s.key === "ajout-beneficiaires")!.label = "Ajouter un enfant ou un conjoint";
    expect(
      (await admin.post("/back-office/administration/categories", { categories: JSON.stringify(catalog) })).status,
    ).toBe(302);
    const compose = visibleText(await (await benoit.get("/messagerie/nouveau?categorie=modification-contrat")).text());
    expect(compose).toContain("Ajouter un enfant ou un conjoint");

    const broken = await admin.post("/back-office/administration/categories", { categories: "[" });
    expect(broken.status).toBe(400);
    expect(visibleText(await broken.text())).toContain("JSON invalide");
    // The demo threads use a subject: removing it would orphan them.
    const { messageThread } = await import("../../app/modules/messaging/schema.ts");
    const [used] = await server.services.db
      .select({ category: messageThread.category, subject: messageThread.subject })
      .from(messageThread)
      .limit(1);
    const without = catalog
      .map((c) =>
        c.key === used!.category ? { ...c, subjects: c.subjects.filter((s) => s.key !== used!.subject) } : c,
      )
      .filter((c) => c.subjects.length > 0);
    const refused = await admin.post("/back-office/administration/categories", { categories: JSON.stringify(without) });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain("gardez leurs clés");
  });
});
