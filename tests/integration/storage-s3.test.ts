// The portal with its files in a bucket of a real S3 protocol server (s3rver, ADR 0014), server-side
// encryption asked: a member files a claim with attachments and downloads one, an advisor opens it from the
// back-office, and a message's attachment goes both ways, every byte through the storage's S3 driver.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageFile } from "../../app/modules/messaging/schema.ts";
import { memberRequest, requestFile } from "../../app/modules/requests/schema.ts";
import { recentDay } from "../support/clock.ts";
import { demo, TestClient } from "../support/http-client.ts";
import { type S3Server, startS3Server } from "../support/s3.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { storedAndScratch, storedBytes } from "../support/stored-files.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let s3: S3Server;
let server: TestServer;
let benoit: TestClient;
beforeAll(async () => {
  s3 = await startS3Server("pieces-jointes");
  server = await startTestServer({
    env: { STORAGE_URL: s3.storageUrl({ prefix: "portail", params: { sse: "AES256" } }) },
  });
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
});
afterAll(async () => {
  await server.close();
  await s3.stop();
});

const invoice = () => readFileSync("config/notices/notice-information-2026.pdf");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("attachments on S3", () => {
  it("files a claim with a file, downloads it as the member and as an advisor, byte for byte", async () => {
    expect(server.services.storage.kind).toBe("s3");
    const form = await (await benoit.get("/demandes/nouvelle")).text();
    const beneficiaryId = /name="beneficiaryId"[^>]*value="([0-9a-f-]{36})"/.exec(form)![1]!;
    const draft = await benoit.post("/demandes/nouvelle", {
      intent: "details",
      beneficiaryId,
      careType: "chiropractie",
      lieu: "france",
      careDate: recentDay("2026-11-20"),
      amount: "80,00",
    });
    const draftId = new URL(draft.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
    const up = await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
      { name: "facture.pdf", bytes: invoice() },
    ]);
    expect(up.status).toBe(302);
    const submitted = await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
    expect(submitted.status).toBe(302);
    const [claim] = await server.services.db
      .select()
      .from(memberRequest)
      .where(eq(memberRequest.idempotencyKey, draftId));
    const [file] = await server.services.db.select().from(requestFile).where(eq(requestFile.requestId, claim!.id));
    // In the bucket under the portal's prefix, the scratch copy gone.
    expect(await storedBytes(server.services.storage, file!.storedName)).toEqual(invoice());
    expect(await storedAndScratch(server.services)).not.toContain(`scratch:${file!.storedName}`);
    expect(file!.sha256).toBe(sha256(invoice()));

    const download = await benoit.get(`/demandes/${claim!.id}/fichiers/${file!.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-length")).toBe(String(invoice().length));
    expect(download.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(file!.sha256);

    const advisor = new TestClient(server.baseUrl);
    await signInAdvisor(advisor, server.dataDir);
    const opened = await advisor.get(`/back-office/demandes/${claim!.id}/fichiers/${file!.id}`);
    expect(opened.status).toBe(200);
    expect(sha256(Buffer.from(await opened.arrayBuffer()))).toBe(file!.sha256);
  });

  it("sends a message with an attachment and serves it back", async () => {
    const sent = await benoit.postMultipart(
      "/messagerie/nouveau?categorie=information-soins&sujet=autre-soins&ecrire=1",
      { categorie: "information-soins", sujet: "autre-soins", message: "Voici ma facture." },
      [{ name: "facture.pdf", bytes: invoice() }],
    );
    expect(sent.status).toBe(302);
    const threadPath = sent.headers.get("location")!.split("?")[0]!;
    const [file] = await server.services.db
      .select()
      .from(messageFile)
      .where(eq(messageFile.sha256, sha256(invoice())));
    expect(await server.services.storage.stat(`messagerie/${file!.storedName}`)).not.toBeNull();
    const download = await benoit.get(`${threadPath}/fichiers/${file!.id}`);
    expect(download.status).toBe(200);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(file!.sha256);
  });

  it("answers 404, not 500, when the bucket lost a file its row names", async () => {
    const [file] = await server.services.db.select().from(requestFile).limit(1);
    await server.services.storage.delete(file!.storedName);
    const res = await benoit.get(`/demandes/${file!.requestId}/fichiers/${file!.id}`);
    expect(res.status).toBe(404);
  });
});
