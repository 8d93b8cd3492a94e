// A legal representative (tutelle, curatelle): an advisor records one on the judgment, a gestionnaire accepts it,
// the representative gets the measure's scopes in the protected person's space (as a carer: own login, second
// factor, "par X pour le compte de Y"); the person cannot revoke it. Through the pages, on both databases.
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { carerGrant } from "../../app/modules/carers/schema.ts";
import { addYears } from "../../app/modules/clock/calendar.ts";
import { memberRequest, requestFile } from "../../app/modules/requests/schema.ts";
import { today } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";
import { peoplePassword, personOf } from "../support/people-access.ts";
import { describe, expect, test } from "../support/fixtures.ts";

const judgment = () => readFileSync("config/notices/notice-information-2026.pdf");
const page = `/back-office/adherents/${demo.benoit.number}/representant-legal`;
const tokenIn = (text: string) => decodeURIComponent(/jeton=([A-Za-z0-9_%-]+)/.exec(text)?.[1] ?? "");

describe("legal representatives", () => {
  test("are recorded by an advisor on the judgment, accepted by a gestionnaire, and act with the measure's scopes", async ({
    server,
    advisor: conseiller,
    manager: gestionnaire,
  }) => {
    const db = server.services.db;
    const benoit = await personOf(db, demo.benoit.number, "Benoit");
    const form = visibleText(await (await conseiller.get(page)).text());
    expect(form).toContain("Benoit Brouez");
    expect(form).not.toContain("Léa Brouez"); // a minor: her parents already act for her
    const endsOn = addYears(today, 5);
    const fields = {
      personId: benoit.id,
      measure: "curatelle",
      name: "Maître Anne Curat",
      email: "curatrice@example.com",
      endsOn,
    };

    // Without the judgment, or beyond what a measure can last: nothing recorded, the reason beside the field.
    const noJudgment = await conseiller.postMultipart(page, fields);
    expect(noJudgment.status).toBe(400);
    expect(visibleText(await noJudgment.text())).toContain("Joignez le jugement");
    const tooLong = await conseiller.postMultipart(page, { ...fields, endsOn: addYears(today, 21) }, [
      { name: "jugement.pdf", bytes: judgment(), type: "application/pdf" },
    ]);
    expect(tooLong.status).toBe(400);
    expect(visibleText(await tooLong.text())).toContain("au plus 20 ans");
    expect(await db.select().from(memberRequest).where(eq(memberRequest.kind, "legal_representative"))).toEqual([]);

    const recorded = await conseiller.postMultipart(page, fields, [
      { name: "jugement.pdf", bytes: judgment(), type: "application/pdf" },
    ]);
    expect(recorded.status).toBe(302);
    const [request] = await db.select().from(memberRequest).where(eq(memberRequest.kind, "legal_representative"));
    expect(recorded.headers.get("location")).toBe(`/back-office/demandes/${request!.id}`);
    expect(request!.reference).toMatch(/^REP-\d{4}-/);
    expect(request!.beneficiaryId).toBe(benoit.id);
    expect(await db.select().from(requestFile).where(eq(requestFile.requestId, request!.id))).toHaveLength(1);
    // In the queue, and on its page the gestionnaire reads what to check against the judgment.
    const queue = visibleText(await (await conseiller.get("/back-office/demandes?file=representants")).text());
    expect(queue).toContain(request!.reference);
    const shown = visibleText(await (await gestionnaire.get(`/back-office/demandes/${request!.id}`)).text());
    expect(shown).toContain("Curatelle de Benoit Brouez");
    expect(shown).toContain("Maître Anne Curat (curatrice@example.com)");
    // No grant before a gestionnaire's word.
    expect(
      (await conseiller.post(`/back-office/demandes/${request!.id}`, { intent: "accept_legal_representative" })).status,
    ).toBe(403);
    expect(await db.select().from(carerGrant)).toEqual([]);

    const accepted = await gestionnaire.post(`/back-office/demandes/${request!.id}`, {
      intent: "accept_legal_representative",
    });
    expect(accepted.status).toBe(302);
    const [grant] = await db.select().from(carerGrant);
    expect(grant).toMatchObject({
      kind: "legal_representative",
      measure: "curatelle",
      scopes: ["read", "messages"],
      endsOn,
      grantorPersonId: benoit.id,
      requestId: request!.id,
    });
    const invitation = lastMailTo(server.dataDir, "curatrice@example.com");
    expect(invitation.text).toContain("représentant(e) légal(e) (curatelle)");

    // The curator creates her login, enrols a second factor (as if) and acts for Benoit: reading, not filing.
    const curator = new TestClient(server.baseUrl);
    const accept = await curator.post("/aidant/accepter", {
      jeton: tokenIn(invitation.text),
      password: peoplePassword,
      confirmPassword: peoplePassword,
    });
    expect(accept.status).toBe(302);
    expect((await curator.signIn("curatrice@example.com", peoplePassword)).status).toBe(302);
    await db.update(user).set({ twoFactorEnabled: true }).where(eq(user.email, "curatrice@example.com"));
    expect((await curator.post("/mon-compte/aidants", { intent: "choose", grantId: grant!.id })).status).toBe(302);
    expect((await curator.get("/remboursements")).status).toBe(200);
    expect((await curator.get("/messagerie")).status).toBe(200);
    expect((await curator.get("/demandes/nouvelle")).status).toBe(404);
    expect((await curator.get("/ma-mutuelle/coordonnees-bancaires")).status).toBe(404);

    // Benoit sees it, and cannot revoke it himself: the mutuelle follows the judgment.
    const holder = new TestClient(server.baseUrl);
    expect((await holder.signIn(demo.benoit.number, demo.benoit.password)).status).toBe(302);
    expect(visibleText(await (await holder.get("/mon-compte/aidants")).text())).toContain(
      "Représentant légal (curatelle) enregistré par votre mutuelle",
    );
    expect((await holder.post("/mon-compte/aidants", { intent: "revoke", grantId: grant!.id })).status).toBe(404);
    expect((await curator.get("/remboursements")).status).toBe(200);

    // Audited: recorded by the conseiller, decided by the gestionnaire.
    const [conseillerUser] = await db.select({ id: user.id }).from(user).where(eq(user.email, demo.advisor.email));
    const recordedRows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "carer.legal_recorded"), eq(auditLog.actorUserId, conseillerUser!.id)));
    expect(recordedRows).toHaveLength(1);
    const decided = await db.select().from(auditLog).where(eq(auditLog.action, "backoffice.request_decision"));
    expect(decided.map((r) => r.details?.decision)).toContain("accept_legal_representative");
    // The member file lists it.
    expect(visibleText(await (await conseiller.get(`/back-office/adherents/${demo.benoit.number}`)).text())).toContain(
      "Curatelle de Benoit Brouez : Maître Anne Curat",
    );

    // A gestionnaire ends it (the measure lifted): at once, the curator's session ends. A conseiller cannot.
    const file = `/back-office/adherents/${demo.benoit.number}`;
    expect((await conseiller.post(file, { intent: "end_representative", grantId: grant!.id })).status).toBe(404);
    expect((await curator.get("/remboursements")).status).toBe(200);
    const ended = await gestionnaire.post(file, { intent: "end_representative", grantId: grant!.id });
    expect(ended.status).toBe(302);
    const after = await curator.get("/remboursements");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/connexion/);
    expect(visibleText(await (await gestionnaire.get(file)).text())).toContain(
      "Maître Anne Curat (curatrice@example.com), jusqu'au",
    );
    expect((await gestionnaire.post(file, { intent: "end_representative", grantId: grant!.id })).status).toBe(404);
  });

  test("cannot be accepted by the gestionnaire who recorded it (four eyes)", async ({
    server,
    manager: gestionnaire,
  }) => {
    const db = server.services.db;
    const benoit = await personOf(db, demo.benoit.number, "Benoit");
    const recorded = await gestionnaire.postMultipart(
      page,
      {
        personId: benoit.id,
        measure: "tutelle",
        name: "Gestionnaire Perso",
        email: "perso@example.com",
        endsOn: addYears(today, 5),
      },
      [{ name: "jugement.pdf", bytes: judgment(), type: "application/pdf" }],
    );
    expect(recorded.status).toBe(302);
    const id = /\/back-office\/demandes\/([0-9a-f-]{36})/.exec(recorded.headers.get("location") ?? "")![1]!;
    const refused = await gestionnaire.post(`/back-office/demandes/${id}`, { intent: "accept_legal_representative" });
    expect(refused.status).toBe(403);
    expect(visibleText(await refused.text())).toContain("un autre gestionnaire doit l'accepter");
    const grants = await db.select().from(carerGrant).where(eq(carerGrant.requestId, id));
    expect(grants).toEqual([]);
  });
});
