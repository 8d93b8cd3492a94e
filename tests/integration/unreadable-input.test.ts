// Input no person types — a NUL character in a form field or an address, an address that is not valid
// percent-encoding — is refused with a 400 and a French page, never a 500, and nothing is written.
import { eq } from "drizzle-orm";
import { person } from "../../app/modules/households/schema.ts";
import { message } from "../../app/modules/messaging/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";

const refusal = "Demande illisible";

async function expectRefused(res: Response) {
  expect(res.status).toBe(400);
  const text = visibleText(await res.text());
  expect(text).toContain(refusal);
  expect(text).toContain("Rien n'a été enregistré");
}

describe("unreadable input", () => {
  test.for(["/%FF", "/remboursements/%E0%A4%A", "/back-office/adherents/%C0"])(
    "answers %s with a 400 in French, signed in or not",
    async (path, { server }) => {
      await expectRefused(await fetch(server.baseUrl + path));
    },
  );

  test("refuses a NUL character in a member's form and writes nothing", async ({ server, member: client }) => {
    const before = await server.services.db
      .select()
      .from(person)
      .where(eq(person.householdId, await householdOf(server)));
    const res = await client.post("/mon-compte", {
      intent: "contact",
      addressLine1: "12 rue\u0000 des Lilas",
      postalCode: "75011",
      city: "Paris",
      phone: "",
    });
    await expectRefused(res);
    const after = await server.services.db
      .select()
      .from(person)
      .where(eq(person.householdId, await householdOf(server)));
    expect(after).toEqual(before);
  });

  test.for([
    ["/connexion", { identifier: "10000001\u0000", password: "x" }],
    ["/mot-de-passe-oublie", { identifier: "benoit.brouez@example.com\u0000" }],
    ["/mon-compte/email", { email: "nouvelle\u0000@example.com" }],
  ] as const)("refuses a NUL character posted to %s", async ([path, form], { server }) => {
    // A client of its own: the first two are posted signed out.
    const client = new TestClient(server.baseUrl);
    if (path !== "/connexion" && path !== "/mot-de-passe-oublie")
      await client.signIn(demo.benoit.number, demo.benoit.password);
    await expectRefused(await client.post(path, form));
  });

  test("refuses a NUL character in a form with files (messagerie reply) and writes nothing", async ({
    server,
    member: client,
  }) => {
    const id = /href="\/messagerie\/([0-9a-f-]{36})"/.exec(await (await client.get("/messagerie")).text())?.[1];
    expect(id).toBeDefined();
    const countMessages = async () =>
      (await server.services.db.select({ id: message.id }).from(message).where(eq(message.threadId, id!))).length;
    const before = await countMessages();
    const res = await client.postMultipart(`/messagerie/${id}`, { message: "Bonjour\u0000, voici la facture." });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("caractère invisible");
    expect(await countMessages()).toBe(before);
  });

  test("refuses a NUL character whatever the case of the declared content type", async ({ member: client }) => {
    const res = await client.post(
      "/mon-compte",
      { intent: "contact", addressLine1: "12 rue\u0000 des Lilas", postalCode: "75011", city: "Paris", phone: "" },
      { "content-type": "Application/X-WWW-Form-Urlencoded" },
    );
    await expectRefused(res);
  });

  test("never accepts a large url-encoded body, even where files may be posted (413 before anything is read)", async ({
    server,
  }) => {
    const res = await fetch(`${server.baseUrl}/demandes/nouvelle`, {
      method: "POST",
      headers: { origin: server.baseUrl, "content-type": "application/x-www-form-urlencoded" },
      body: `champ=${"a".repeat(200 * 1024)}`,
    });
    expect(res.status).toBe(413);
  });

  test("refuses a NUL character in an advisor's search and in a news item", async ({ administrator: client }) => {
    await expectRefused(await client.get("/back-office/adherents?q=Brouez%00"));
    await expectRefused(
      await client.post("/back-office/actualites", { title: "Fermeture\u0000", body: "x", publishFrom: "2026-01-01" }),
    );
  });
});

async function householdOf(s: TestServer): Promise<string> {
  const [row] = await s.services.db
    .select({ householdId: person.householdId })
    .from(person)
    .where(eq(person.firstName, "Benoit"))
    .limit(1);
  return row!.householdId;
}

describe("file addresses that fail", () => {
  test.for([
    ["/documents/carte-tiers-payant/1999/pdf", 404, "Page introuvable"],
    ["/documents/echeancier/1999/pdf", 404, "Page introuvable"],
    ["/remboursements/releve.pdf", 400, "choisissez-les sur la page Relevé de prestations"],
  ] as const)(
    "%s answers the French page (%i), not bare JSON or text",
    async ([path, status, words], { member: client }) => {
      const res = await client.get(path);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("content-disposition")).toBeNull();
      const text = visibleText(await res.text());
      expect(text).toContain(words);
      expect(text).toContain("Retour à l'accueil");
    },
  );

  test("leaves the import API's JSON answers to the core system", async ({ server }) => {
    const res = await fetch(`${server.baseUrl}/api/v1/decomptes`, { method: "POST" });
    expect(res.headers.get("content-type")).not.toMatch(/^text\/html/);
  });
});
