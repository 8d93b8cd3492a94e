// The messagerie suites' helpers: a PDF to attach, counts, the stored files, the mails written, and a new
// message sent by a member through the page.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { expect } from "vitest";
import { message, messageThread } from "../../app/modules/messaging/schema.ts";
import type { TestClient } from "./http-client.ts";
import { storedKeys } from "./stored-files.ts";
import type { TestServer } from "./test-server.ts";

export const pdf = () => readFileSync("config/notices/notice-information-2026.pdf");
export const storedFiles = (server: TestServer) => storedKeys(server.services.storage, "messagerie/");
export const threadCount = async (server: TestServer) =>
  (await server.services.db.select({ n: count() }).from(messageThread))[0]!.n;
export const messageCount = async (server: TestServer) =>
  (await server.services.db.select({ n: count() }).from(message))[0]!.n;
export const outbox = (server: TestServer) => {
  const dir = join(server.dataDir, "outbox");
  // Quoted-printable soft line breaks removed, so a long link reads in one piece.
  return existsSync(dir) ? readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8").replace(/=\r?\n/g, "")) : [];
};

export async function sendNewMessage(
  client: TestClient,
  body: string,
  files = [{ name: "attestation.pdf", bytes: pdf(), type: "application/pdf" }],
) {
  const res = await client.postMultipart(
    "/messagerie/nouveau?categorie=modification-contrat&sujet=ajout-beneficiaires&ecrire=1",
    { categorie: "modification-contrat", sujet: "ajout-beneficiaires", message: body },
    files,
  );
  expect(res.status).toBe(302);
  const location = res.headers.get("location")!;
  expect(location).toMatch(/^\/messagerie\/[0-9a-f-]{36}\?envoye=1$/);
  return location.split("?")[0]!.split("/").pop()!;
}
