// Erasure, restriction and objection (issue 23): démarches the member files from "Mes données personnelles",
// decided by a gestionnaire; an accepted erasure removes what may go and keeps what the law requires.
import { Readable } from "node:stream";
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { claimDraft } from "../../app/modules/claims/schema.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { message, messageFile, messageThread } from "../../app/modules/messaging/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { memberRequest, requestFile } from "../../app/modules/requests/schema.ts";
import { type BackOfficeCast, startBackOfficeCast } from "../support/back-office-cast.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";

let cast: BackOfficeCast;
let claire: TestClient;
let householdId: string;
beforeAll(async () => {
  cast = await startBackOfficeCast();
  claire = new TestClient(cast.server.baseUrl);
  await claire.signIn(demo.claire.number, demo.claire.password);
  const [h] = await cast.server.services.db
    .select({ id: household.id })
    .from(household)
    .where(eq(household.memberNumber, demo.claire.number));
  householdId = h!.id;
});
afterAll(() => cast.server.close());

const requestOf = async (reference: string) =>
  (
    await cast.server.services.db
      .select({ id: memberRequest.id, status: memberRequest.status })
      .from(memberRequest)
      .where(eq(memberRequest.reference, reference))
  )[0]!;

describe("personal data rights", () => {
  it("explains the rights, the retention and the advisor accesses, and refuses an unexplained objection", async () => {
    const page = await claire.get("/mon-compte/donnees-personnelles");
    expect(page.status).toBe(200);
    const text = visibleText(await page.text());
    expect(text).toContain("Vos droits, en bref");
    expect(text).toContain("Remboursements et paiements 10 ans après le paiement (obligations comptables)");
    expect(text).toContain("Accès de votre mutuelle à votre dossier");
    expect(text).toContain("Mon adresse postale et mon téléphone");
    const bad = await claire.post("/mon-compte/donnees-personnelles", { right: "objection", message: "non" });
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("Précisez quelle utilisation de vos données est concernée");
    expect((await claire.post("/mon-compte/donnees-personnelles", { right: "tout" })).status).toBe(400);
  });

  it("an accepted erasure removes messages, drafts, phone and IP addresses, and keeps the contract's records", async () => {
    const { db, storage } = cast.server.services;
    // What may go: a thread with an attachment on disk, a draft with its file, a phone number, sign-in IPs.
    const [thread] = await db
      .insert(messageThread)
      .values({ householdId, category: "autre", subject: "Question", startedBy: "member" })
      .returning({ id: messageThread.id });
    const [msg] = await db
      .insert(message)
      .values({ threadId: thread!.id, author: "member", body: "Bonjour" })
      .returning({ id: message.id });
    const fileColumns = { mimeType: "application/pdf", sizeBytes: 4, sha256: "0".repeat(64) };
    await storage.put("messagerie/erase-me-message.pdf", Readable.from([Buffer.from("%PDF")]), { contentLength: 4 });
    await db.insert(messageFile).values({
      messageId: msg!.id,
      householdId,
      originalName: "ordonnance.pdf",
      storedName: "erase-me-message.pdf",
      ...fileColumns,
    });
    const [draft] = await db.insert(claimDraft).values({ householdId }).returning({ id: claimDraft.id });
    await storage.put("erase-me-draft.pdf", Readable.from([Buffer.from("%PDF")]), { contentLength: 4 });
    await db.insert(requestFile).values({
      householdId,
      draftId: draft!.id,
      originalName: "facture.pdf",
      storedName: "erase-me-draft.pdf",
      ...fileColumns,
    });
    await db.update(household).set({ phone: "06 12 34 56 78" }).where(eq(household.id, householdId));
    const [member] = await db
      .select({ userId: person.userId })
      .from(person)
      .where(and(eq(person.householdId, householdId), eq(person.role, "member")));
    const signInsWithIp = () =>
      db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.actorUserId, member!.userId!), isNotNull(auditLog.ipAddress)));
    expect((await signInsWithIp()).length).toBeGreaterThan(0);
    const linesBefore = await db
      .select({ id: reimbursementLine.id })
      .from(reimbursementLine)
      .where(eq(reimbursementLine.householdId, householdId));
    expect(linesBefore.length).toBeGreaterThan(0);

    const sent = await claire.post("/mon-compte/donnees-personnelles", { right: "erasure", message: "" });
    expect(sent.status).toBe(302);
    const reference = decodeURIComponent(/demande-envoyee=([^&]+)/.exec(sent.headers.get("location")!)![1]!);
    expect(reference).toMatch(/^RGPD-\d{4}-[0-9A-Z]{8}$/);
    // A second erasure request while this one is open is refused beside the field.
    expect((await claire.post("/mon-compte/donnees-personnelles", { right: "erasure" })).status).toBe(409);
    const request = await requestOf(reference);
    expect(request.status).toBe("submitted");
    // Nothing is erased on the member's word alone.
    expect(await storage.stat("messagerie/erase-me-message.pdf")).not.toBeNull();

    // In the back-office queue; a conseiller may not decide it, a gestionnaire may.
    expect(visibleText(await (await cast.gestionnaire.get("/back-office/demandes?file=donnees")).text())).toContain(
      reference,
    );
    expect(
      (await cast.conseiller.post(`/back-office/demandes/${request.id}`, { intent: "accept_data_rights" })).status,
    ).toBe(403);
    expect(
      (await cast.gestionnaire.post(`/back-office/demandes/${request.id}`, { intent: "accept_data_rights" })).status,
    ).toBe(302);
    expect((await requestOf(reference)).status).toBe("accepted");

    expect(await db.select().from(messageThread).where(eq(messageThread.householdId, householdId))).toHaveLength(0);
    expect(await db.select().from(messageFile).where(eq(messageFile.householdId, householdId))).toHaveLength(0);
    expect(await db.select().from(claimDraft).where(eq(claimDraft.householdId, householdId))).toHaveLength(0);
    expect(await storage.stat("messagerie/erase-me-message.pdf")).toBeNull();
    expect(await storage.stat("erase-me-draft.pdf")).toBeNull();
    const [home] = await db.select({ phone: household.phone }).from(household).where(eq(household.id, householdId));
    expect(home!.phone).toBeNull();
    expect(await signInsWithIp()).toHaveLength(0);
    // Kept: the contract's people and its reimbursements.
    expect(
      await db
        .select({ id: reimbursementLine.id })
        .from(reimbursementLine)
        .where(eq(reimbursementLine.householdId, householdId)),
    ).toHaveLength(linesBefore.length);
    expect(await db.select().from(person).where(eq(person.householdId, householdId))).not.toHaveLength(0);
    // The member is told, without detail, and reads the outcome in the démarche.
    expect(lastMailTo(cast.server.dataDir, demo.claire.email).subject).toBe(`Votre demande ${reference} : Acceptée`);
    const detail = visibleText(await (await claire.get(`/demandes/${request.id}`)).text());
    expect(detail).toContain("Demande sur vos données personnelles");
    expect(detail).toContain("ont été effacés");
  });

  it("a restriction is accepted with the gestionnaire's words, which the member reads", async () => {
    const sent = await claire.post("/mon-compte/donnees-personnelles", {
      right: "restriction",
      message: "Mon adresse postale est contestée, ne l'utilisez pas.",
    });
    expect(sent.status).toBe(302);
    const reference = decodeURIComponent(/demande-envoyee=([^&]+)/.exec(sent.headers.get("location")!)![1]!);
    const request = await requestOf(reference);
    const noWords = await cast.gestionnaire.post(`/back-office/demandes/${request.id}`, {
      intent: "accept_data_rights",
    });
    expect(noWords.status).toBe(400);
    expect(
      (
        await cast.gestionnaire.post(`/back-office/demandes/${request.id}`, {
          intent: "accept_data_rights",
          note: "Votre adresse est gelée jusqu'à vérification.",
        })
      ).status,
    ).toBe(302);
    expect(visibleText(await (await claire.get(`/demandes/${request.id}`)).text())).toContain(
      "Votre adresse est gelée jusqu'à vérification.",
    );
  });
});
