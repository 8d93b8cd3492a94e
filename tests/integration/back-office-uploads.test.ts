// The back-office pages that take a file (the guarantee table check, the help centre's illustrations, a legal
// representative's judgment, the advisors' messagerie) read their forms through the one form helper: a refused
// form answers with the French message beside its field and the status that fits (400 for what was typed, 413
// for a file over its limit, 415 for a body that is not a form), and nothing is written, neither rows nor files.
import { readFileSync } from "node:fs";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpIllustration } from "../../app/modules/help/schema.ts";
import { person } from "../../app/modules/households/schema.ts";
import { message, messageThread } from "../../app/modules/messaging/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { startBackOfficeCast } from "../support/back-office-cast.ts";
import { demo, type TestClient, visibleText } from "../support/http-client.ts";
import { storedAndScratch } from "../support/stored-files.ts";
import type { TestServer } from "../support/test-server.ts";

let server: TestServer;
let conseiller: TestClient;
let admin: TestClient;
beforeAll(async () => {
  ({ server, conseiller, admin } = await startBackOfficeCast());
});
afterAll(() => server.close());

const pdf = () => readFileSync("config/notices/notice-information-2026.pdf");
const png = () => readFileSync("tests/fixtures/small.png");

/** The rows and files a refused post must leave as they were. */
async function written() {
  const db = server.services.db;
  const rows = async (table: typeof helpIllustration | typeof memberRequest | typeof messageThread | typeof message) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    illustrations: await rows(helpIllustration),
    requests: await rows(memberRequest),
    threads: await rows(messageThread),
    messages: await rows(message),
    files: await storedAndScratch(server.services),
  };
}

describe("back-office uploads: refused forms write nothing", () => {
  it("the guarantee table check: no file 400, a file over 2 Mo 413, a body cut short 400, not a form 415", async () => {
    const page = "/back-office/administration/garanties";
    const before = await written();
    const none = await admin.postMultipart(page, {}, []);
    expect(none.status).toBe(400);
    expect(visibleText(await none.text())).toContain("Choisissez le fichier de tableaux (JSON) à vérifier.");
    const plain = await admin.post(page, { fichier: "tableaux.json" });
    expect(plain.status).toBe(400);
    expect(visibleText(await plain.text())).toContain("Choisissez le fichier de tableaux (JSON) à vérifier.");

    const tooLarge = await admin.postMultipart(page, {}, [
      {
        field: "fichier",
        name: "tableaux.json",
        bytes: Buffer.alloc(2 * 1024 * 1024 + 1, 32),
        type: "application/json",
      },
    ]);
    expect(tooLarge.status).toBe(413);
    expect(visibleText(await tooLarge.text())).toContain("Le fichier dépasse 2 Mo");

    const boundary = "----coupe";
    const cut = await admin.postRaw(
      page,
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="t.json"\r\n` +
          `Content-Type: application/json\r\n\r\n{"products": [`,
      ),
      `multipart/form-data; boundary=${boundary}`,
    );
    expect(cut.status).toBe(400);
    expect(visibleText(await cut.text())).toContain("L'envoi des fichiers n'a pas abouti. Réessayez.");

    const notAForm = await admin.postRaw(page, Buffer.from("{}"), "application/json");
    expect(notAForm.status).toBe(415);
    expect(await written()).toEqual(before);

    // The check still reads a real file whole.
    const valid = await admin.postMultipart(page, {}, [
      {
        field: "fichier",
        name: "demo.json",
        bytes: readFileSync("config/guarantees/demo.json"),
        type: "application/json",
      },
    ]);
    expect(valid.status).toBe(200);
    expect(visibleText(await valid.text())).toContain("le fichier est valide");
  });

  it("an illustration without its description: the message beside the field, no row, no file", async () => {
    const page = "/back-office/administration/aide/illustrations";
    const before = await written();
    const noAlt = await admin.postMultipart(page, { alt: " " }, [
      { name: "ecran.png", bytes: png(), type: "image/png" },
    ]);
    expect(noAlt.status).toBe(400);
    const html = await noAlt.text();
    expect(html).toMatch(/id="alt-erreur"[^>]*>[\s\S]*?Décrivez l&#x27;image en quelques mots/);
    const missing = await admin.postMultipart(page, {}, [{ name: "ecran.png", bytes: png(), type: "image/png" }]);
    expect(missing.status).toBe(400);
    expect(visibleText(await missing.text())).toContain("Décrivez l'image en quelques mots");
    const bracket = await admin.postMultipart(page, { alt: "Un [lien]" }, []);
    expect(bracket.status).toBe(400);
    const text = visibleText(await bracket.text());
    expect(text).toContain("La description ne contient ni crochet ni retour à la ligne.");
    expect(text).toContain("Choisissez une image (une à la fois).");
    expect(await written()).toEqual(before);
  });

  it("a legal representative with fields missing: a message per field, no démarche, no judgment kept", async () => {
    const page = `/back-office/adherents/${demo.benoit.number}/representant-legal`;
    const [benoit] = await server.services.db.select().from(person).where(eq(person.firstName, "Benoit"));
    const before = await written();
    const refused = await conseiller.postMultipart(
      page,
      { personId: benoit!.id, measure: "", name: "", email: "pas-une-adresse" },
      [{ name: "jugement.pdf", bytes: pdf(), type: "application/pdf" }],
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    for (const field of ["measure", "name", "email"]) expect(html).toContain(`id="${field}-erreur"`);
    expect(await written()).toEqual(before);
  });

  it("the advisors' messagerie: a new thread to an unknown number, a reply left empty, with a file each", async () => {
    const before = await written();
    const unknown = await conseiller.postMultipart(
      "/back-office/messagerie/nouveau",
      { numero: "abc", sujet: "information", message: "Bonjour" },
      [{ name: "courrier.pdf", bytes: pdf(), type: "application/pdf" }],
    );
    expect(unknown.status).toBe(400);
    expect(visibleText(await unknown.text())).toContain("Indiquez le numéro d'adhérent, en chiffres");
    const nobody = await conseiller.postMultipart(
      "/back-office/messagerie/nouveau",
      { numero: "99999999", sujet: "information", message: "Bonjour" },
      [{ name: "courrier.pdf", bytes: pdf(), type: "application/pdf" }],
    );
    expect(nobody.status).toBe(400);
    expect(await written()).toEqual(before);

    const [thread] = await server.services.db.select().from(messageThread).limit(1);
    const empty = await conseiller.postMultipart(`/back-office/messagerie/${thread!.id}`, { message: "  " }, [
      { name: "courrier.pdf", bytes: pdf(), type: "application/pdf" },
    ]);
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toContain("Écrivez votre message.");
    const plain = await conseiller.post(`/back-office/messagerie/${thread!.id}`, { message: "" });
    expect(plain.status).toBe(400);
    expect(visibleText(await plain.text())).toContain("Écrivez votre message.");
    expect(await written()).toEqual(before);
  });
});
