// Per-household quotas (issue 17, item 11), with small limits set through the environment: bytes uploaded
// over 30 days (413), open drafts and hourly limits on drafts, messages and démarches (429), each refused in
// French with nothing written; and drafts left untouched deleted with their files.
import { readFileSync } from "node:fs";
import { storedAndScratch } from "../support/stored-files.ts";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteExpiredDrafts } from "../../app/modules/claims/draft-expiry.server.ts";
import { claimDraft } from "../../app/modules/claims/schema.ts";
import { ConfigError, readEnv } from "../../app/modules/config/env.server.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { messageThread } from "../../app/modules/messaging/schema.ts";
import { memberRequest, requestFile } from "../../app/modules/requests/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let benoit: TestClient;
let claire: TestClient;
const ids: Record<string, { household: string; person: string }> = {};
beforeAll(async () => {
  server = await startTestServer({
    env: {
      HOUSEHOLD_UPLOAD_MB_PER_30_DAYS: "10",
      HOUSEHOLD_MAX_DRAFTS: "2",
      HOUSEHOLD_DRAFTS_PER_HOUR: "3",
      HOUSEHOLD_MESSAGES_PER_HOUR: "3",
      HOUSEHOLD_REQUESTS_PER_HOUR: "2",
      DRAFT_RETENTION_DAYS: "30",
    },
  });
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
  claire = new TestClient(server.baseUrl);
  await claire.signIn(demo.claire.number, demo.claire.password);
  for (const [who, number] of [
    ["benoit", demo.benoit.number],
    ["claire", demo.claire.number],
  ] as const) {
    const [row] = await server.services.db
      .select({ household: household.id, person: person.id })
      .from(person)
      .innerJoin(household, eq(household.id, person.householdId))
      .where(and(eq(household.memberNumber, number), eq(person.role, "member")));
    ids[who] = row!;
  }
});
afterAll(() => server.close());

const pdf = (extraMb = 0) =>
  Buffer.concat([
    readFileSync("config/notices/notice-information-2026.pdf"),
    Buffer.alloc(extraMb * 1024 * 1024, 0x20),
  ]);
const storedCount = async () => (await storedAndScratch(server.services)).length;

async function newDraft(client: TestClient, beneficiaryId: string) {
  return client.post("/demandes/nouvelle", {
    intent: "details",
    beneficiaryId,
    careType: "chiropractie",
    lieu: "france",
    careDate: "2026-11-20",
    amount: "80,00",
  });
}
const draftIdOf = (res: Response) =>
  new URL(res.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;

describe("upload quota per household", () => {
  it("refuses with 413 what goes over the 30-day total, on claims and messages alike, keeping nothing", async () => {
    const draftId = draftIdOf(await newDraft(benoit, ids.benoit!.person));
    const upload = (mb: number) =>
      benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
        { name: `facture-${mb}.pdf`, bytes: pdf(mb) },
      ]);
    expect((await upload(4)).status).toBe(302);
    expect((await upload(4)).status).toBe(302);
    const before = await storedCount();
    const refused = await upload(4);
    expect(refused.status).toBe(413);
    expect(visibleText(await refused.text())).toContain(
      "Votre foyer a envoyé plus de 10 Mo de fichiers ces 30 derniers jours",
    );
    expect(await storedCount()).toBe(before);
    expect(await server.services.db.select().from(requestFile).where(eq(requestFile.draftId, draftId))).toHaveLength(2);

    // The same total counts for the messagerie.
    const message = await benoit.postMultipart(
      "/messagerie/nouveau?categorie=attestation&sujet=attestation-droits&ecrire=1",
      { categorie: "attestation", sujet: "attestation-droits", message: "Ma facture." },
      [{ name: "facture.pdf", bytes: pdf(3) }],
    );
    expect(message.status).toBe(413);
    expect(visibleText(await message.text())).toContain("plus de 10 Mo de fichiers");
    expect(await storedCount()).toBe(before);
    // Another household is not concerned.
    const other = draftIdOf(await newDraft(claire, ids.claire!.person));
    expect(
      (
        await claire.postMultipart(`/demandes/nouvelle?brouillon=${other}&etape=2`, {}, [
          { name: "f.pdf", bytes: pdf(4) },
        ])
      ).status,
    ).toBe(302);
  });
});

describe("drafts", () => {
  it("allows HOUSEHOLD_MAX_DRAFTS open drafts, then HOUSEHOLD_DRAFTS_PER_HOUR new ones an hour, each refusal a French 429", async () => {
    // Claire has one draft from the test above.
    expect((await newDraft(claire, ids.claire!.person)).status).toBe(302);
    const third = await newDraft(claire, ids.claire!.person);
    expect(third.status).toBe(429);
    expect(visibleText(await third.text())).toContain("Vous avez déjà 2 demandes de remboursement en cours de saisie");

    // Her drafts expire: she may open new ones, but not a fourth within the hour.
    const old = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    await server.services.db
      .update(claimDraft)
      .set({ updatedAt: old })
      .where(eq(claimDraft.householdId, ids.claire!.household));
    expect((await deleteExpiredDrafts(server.services.db, server.services.storage, 30)).drafts).toBe(2);
    expect((await newDraft(claire, ids.claire!.person)).status).toBe(302);
    const fourth = await newDraft(claire, ids.claire!.person);
    expect(fourth.status).toBe(429);
    expect(visibleText(await fourth.text())).toMatch(
      /Vous avez commencé beaucoup de demandes de remboursement en peu de temps : par sécurité, réessayez dans \d+ minutes?/,
    );
  });

  it("deletes drafts untouched for DRAFT_RETENTION_DAYS with their files, and nothing else", async () => {
    const db = server.services.db;
    const drafts = await db.select().from(claimDraft).where(eq(claimDraft.householdId, ids.benoit!.household));
    expect(drafts).toHaveLength(1);
    const files = await db.select().from(requestFile).where(eq(requestFile.draftId, drafts[0]!.id));
    expect(files).toHaveLength(2);
    const claimFiles = await db.select().from(requestFile).where(eq(requestFile.householdId, ids.benoit!.household));
    // 29 days: kept.
    await db
      .update(claimDraft)
      .set({ updatedAt: new Date(Date.now() - 29 * 24 * 60 * 60 * 1000) })
      .where(eq(claimDraft.id, drafts[0]!.id));
    expect(await deleteExpiredDrafts(db, server.services.storage, 30)).toEqual({ drafts: 0, files: 0 });
    // 31 days: gone, rows and files; twice is harmless.
    await db
      .update(claimDraft)
      .set({ updatedAt: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000) })
      .where(eq(claimDraft.id, drafts[0]!.id));
    const [first, second] = await Promise.all([
      deleteExpiredDrafts(db, server.services.storage, 30),
      deleteExpiredDrafts(db, server.services.storage, 30),
    ]);
    expect(first.drafts + second.drafts).toBe(1);
    expect(first.files + second.files).toBe(2);
    for (const f of files) expect(await server.services.storage.stat(f.storedName)).toBeNull();
    expect(await db.select().from(claimDraft).where(eq(claimDraft.householdId, ids.benoit!.household))).toHaveLength(0);
    expect(await db.select().from(requestFile).where(eq(requestFile.householdId, ids.benoit!.household))).toHaveLength(
      claimFiles.length - 2,
    );
  });
});

describe("hourly limits on messages and démarches", () => {
  it("accepts HOUSEHOLD_MESSAGES_PER_HOUR messages (threads and replies), then answers 429 and writes nothing", async () => {
    const threads = async () =>
      (
        await server.services.db
          .select({ n: count() })
          .from(messageThread)
          .where(eq(messageThread.householdId, ids.claire!.household))
      )[0]!.n;
    const send = () =>
      claire.post("/messagerie/nouveau?categorie=attestation&sujet=attestation-droits&ecrire=1", {
        categorie: "attestation",
        sujet: "attestation-droits",
        message: "Bonjour",
      });
    const first = await send();
    expect(first.status).toBe(302);
    const threadId = first.headers.get("location")!.split("?")[0]!.split("/").pop()!;
    expect((await claire.post(`/messagerie/${threadId}`, { message: "Une précision" })).status).toBe(302);
    expect((await send()).status).toBe(302);
    const before = await threads();
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(visibleText(await refused.text())).toContain("Vous avez envoyé beaucoup de messages en peu de temps");
    const reply = await claire.post(`/messagerie/${threadId}`, { message: "Encore" });
    expect(reply.status).toBe(429);
    expect(await threads()).toBe(before);
  });

  it("accepts HOUSEHOLD_REQUESTS_PER_HOUR démarches (quotes, beneficiaries), then answers 429", async () => {
    const requests = async () =>
      (
        await server.services.db
          .select({ n: count() })
          .from(memberRequest)
          .where(eq(memberRequest.householdId, ids.benoit!.household))
      )[0]!.n;
    const quote = (key: string) =>
      benoit.postMultipart(
        "/devis/nouveau",
        { beneficiaryId: ids.benoit!.person, acte0: "dentaire_prothese_libre", prix0: "800,00", base0: "120,00", key },
        [{ name: "devis.pdf", bytes: pdf() }],
      );
    expect((await quote("11111111-2222-4333-8444-000000000001")).status).toBe(302);
    expect((await quote("11111111-2222-4333-8444-000000000002")).status).toBe(302);
    const before = await requests();
    const refused = await quote("11111111-2222-4333-8444-000000000003");
    expect(refused.status).toBe(429);
    expect(visibleText(await refused.text())).toContain("Vous avez envoyé beaucoup de démarches en peu de temps");
    const beneficiary = await benoit.postMultipart(
      "/ma-mutuelle/beneficiaires/ajouter",
      {
        firstName: "Jules",
        lastName: "Brouez",
        birthDate: "2020-01-01",
        relationship: "enfant",
        startDate: "2027-01-01",
      },
      [{ name: "livret.pdf", bytes: pdf() }],
    );
    expect(beneficiary.status).toBe(429);
    expect(await requests()).toBe(before);
  });
});

describe("configuration", () => {
  it("refuses nonsense quota settings at start, naming the variable", () => {
    expect(() => readEnv({ HOUSEHOLD_MAX_DRAFTS: "zéro" })).toThrow(ConfigError);
    expect(() => readEnv({ DRAFT_RETENTION_DAYS: "0" })).toThrow(/DRAFT_RETENTION_DAYS/);
    expect(readEnv({})).toMatchObject({
      HOUSEHOLD_UPLOAD_MB_PER_30_DAYS: 300,
      HOUSEHOLD_MAX_DRAFTS: 10,
      DRAFT_RETENTION_DAYS: 30,
      HOUSEHOLD_DRAFTS_PER_HOUR: 20,
      HOUSEHOLD_MESSAGES_PER_HOUR: 30,
      HOUSEHOLD_REQUESTS_PER_HOUR: 20,
    });
  });
});
