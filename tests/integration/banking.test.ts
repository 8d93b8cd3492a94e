// Changing a RIB: encrypted at rest with key rotation, hold period, alert to the previous address, cancel link,
// household scoping and validation, through the real server and database.
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { applyDueBankChanges } from "../../app/modules/banking/settle.server.ts";
import { decryptIban, parseKeyRing } from "../../app/modules/banking/iban-crypto.server.ts";
import { reencryptIbans } from "../../app/modules/banking/rotate-key.server.ts";
import { bankChange } from "../../app/modules/banking/schema.ts";
import { bankAccount, household, person } from "../../app/modules/households/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo, linkParam, mailsTo, readOutbox } from "../support/outbox.ts";
import { stepUpByEmail } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { demoData, fr } from "../support/clock.ts";

// Key ids with "_" and a near-twin: the rotation must compare ids exactly, not as LIKE patterns.
const oldKey = `kx2026:${randomBytes(32).toString("base64")}`;
const newIban = "FR7630006000011234567890189";
const sarahIban = "DE89370400440532013000";

let server: TestServer;
let benoit: TestClient;
beforeAll(async () => {
  server = await startTestServer({ env: { IBAN_ENCRYPTION_KEYS: oldKey, BANK_CHANGE_HOLD_HOURS: "48" } });
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
  await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password);
});
afterAll(() => server.close());

const db = () => server.services.db;

async function benoitHousehold() {
  const [row] = await db()
    .select({ id: household.id, bankAccountId: household.bankAccountId })
    .from(household)
    .where(eq(household.memberNumber, demo.benoit.number));
  return row!;
}

async function personNamed(firstName: string) {
  const [row] = await db()
    .select({ id: person.id, bankAccountId: person.bankAccountId })
    .from(person)
    .where(eq(person.firstName, firstName));
  return row!;
}

describe("Mes informations bancaires", () => {
  it("shows the contract's account and each beneficiary's, masked, with their coverage start", async () => {
    const text = visibleText(await (await benoit.get("/ma-mutuelle/coordonnees-bancaires")).text());
    expect(text).toContain("Contrat santé : cotisations et remboursements");
    expect(text).toContain("FR76 **** **** **** **** **** 123");
    expect(text).toContain("FR76 **** **** **** **** **** 999");
    expect(text).toContain(`Début de couverture : ${fr(demoData.benoit.coverageStart)}`);
    expect(text).toContain("Ses remboursements sont versés sur le compte du contrat"); // Louise
  });

  it("says on the RIB form until when the identity check holds (issue 25, item 7, in part)", async () => {
    const text = visibleText(await (await benoit.get("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat")).text());
    const until = /Votre identité est confirmée jusqu'à (\d\d):(\d\d) \(5 minutes\)/.exec(text);
    expect(until).not.toBeNull();
    // Within the next five minutes, Paris time (the window started when the test signed in and confirmed).
    const paris = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });
    const inMinutes = (m: number) => paris.format(new Date(Date.now() + m * 60_000));
    expect([0, 1, 2, 3, 4, 5].map(inMinutes)).toContain(`${until![1]}:${until![2]}`);
  });

  it("explains each IBAN mistake next to the field and writes nothing", async () => {
    const before = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(bankAccount);
    const cases: [string, string][] = [
      ["", "Saisissez l'IBAN qui figure sur votre RIB."],
      ["FR76 3000 6000 0112 3456 7890 18", "Un IBAN de ce pays compte 27 caractères ; vous en avez saisi 26."],
      ["FR76 3000 6000 0112 3456 7890 188", "clé de contrôle"],
      ["BR1800360305000010009795493C1", "zone SEPA"],
    ];
    for (const [iban, message] of cases) {
      const res = await benoit.post("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat", {
        iban,
        holderName: "BENOIT BROUEZ",
      });
      expect(res.status).toBe(400);
      expect(visibleText(await res.text())).toContain(message);
    }
    const noHolder = await benoit.post("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat", {
      iban: newIban,
      holderName: "",
    });
    expect(visibleText(await noHolder.text())).toContain("Saisissez le nom du titulaire");
    const after = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(bankAccount);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("holds a new RIB 48 hours, alerts the address the account had before, and never shows the IBAN in clear", async () => {
    const home = await benoitHousehold();
    const previousAccount = home.bankAccountId;
    // Someone changed the e-mail first: the alert must still reach the previous address.
    await benoit.post("/mon-compte/email", { email: "autre.adresse@example.net" });
    const confirmLink = linkParam(lastMailTo(server.dataDir, "autre.adresse@example.net"), "jeton");
    await new TestClient(server.baseUrl).post("/mon-compte/confirmer-email", { jeton: confirmLink });

    const res = await benoit.post("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat", {
      iban: " fr76 3000 6000 0112 3456 7890 189 ",
      holderName: "Benoit Brouez",
    });
    expect(res.status).toBe(302);
    const reference = /demande=(RIB-\d{4}-[A-Z0-9]{8})/.exec(res.headers.get("location")!)![1]!;

    // Still the previous account: the hold is running.
    expect((await benoitHousehold()).bankAccountId).toBe(previousAccount);
    const page = await (await benoit.get(`/ma-mutuelle/coordonnees-bancaires?demande=${reference}`)).text();
    expect(visibleText(page)).toContain("Nouveau compte en attente");
    expect(visibleText(page)).toContain("FR76 **** **** **** **** **** 189");
    expect(page).not.toContain(newIban);
    expect(page).not.toContain("3000 6000 0112");

    // The alert went to the old address and to the current one, masked, with a cancel link.
    for (const to of [demo.benoit.email, "autre.adresse@example.net"]) {
      const alert = lastMailTo(server.dataDir, to);
      expect(alert.subject).toBe("Alerte sécurité : vos coordonnées bancaires ont été modifiées");
      expect(alert.text).toContain("FR76 **** **** **** **** **** 189");
      expect(alert.text).toContain("ne peut pas être désactivé");
      expect(alert.text).not.toContain(newIban);
    }
    // The démarche shows in Mes démarches.
    const requests = visibleText(await (await benoit.get("/demandes")).text());
    expect(requests).toContain("Nouveau RIB pour le contrat (cotisations et remboursements)");

    // Nothing in clear anywhere in the database, the audit log or the outbox.
    const dump = await db().execute(
      sql`select string_agg(t::text, ' ') as all from (select row_to_json(b)::text as t from bank_account b union all select row_to_json(a)::text from audit_log a union all select row_to_json(c)::text from bank_change c union all select row_to_json(r)::text from member_request r) x`,
    );
    const everything = String(
      (dump as { rows: { all: string }[] }).rows?.[0]?.all ?? (dump as { all: string }[])[0]?.all,
    );
    expect(everything.length).toBeGreaterThan(100);
    expect(everything).not.toContain(newIban);
    expect(everything.replace(/\s/g, "")).not.toContain("30006000011234567890");
    for (const mail of readOutbox(server.dataDir)) expect(mail.raw.replace(/\s/g, "")).not.toContain(newIban);

    // One minute before the end of the hold: nothing; after it: the new account is used and the démarche accepted.
    const [change] = await db().select().from(bankChange).where(eq(bankChange.householdId, home.id));
    expect(change!.effectiveAt.getTime() - change!.requestedAt.getTime()).toBe(48 * 3600 * 1000);
    expect(await applyDueBankChanges(db(), new Date(change!.effectiveAt.getTime() - 60_000))).toBe(0);
    expect((await benoitHousehold()).bankAccountId).toBe(previousAccount);
    expect(await applyDueBankChanges(db(), new Date(change!.effectiveAt.getTime() + 1000))).toBe(1);
    expect(await applyDueBankChanges(db(), new Date(change!.effectiveAt.getTime() + 1000))).toBe(0); // harmless twice
    const now = await benoitHousehold();
    expect(now.bankAccountId).toBe(change!.newBankAccountId);
    const [request] = await db()
      .select({ status: memberRequest.status })
      .from(memberRequest)
      .where(eq(memberRequest.reference, reference));
    expect(request!.status).toBe("accepted");
    const [stored] = await db().select().from(bankAccount).where(eq(bankAccount.id, now.bankAccountId!));
    expect(decryptIban(server.services.ibanKeys, stored!.ibanEncrypted!, home.id)).toBe(newIban);

    const audits = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.householdId, home.id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["banking.change_requested", "banking.change_applied"]),
    );
    // Restore the address for the tests that follow.
    await db().update(user).set({ email: demo.benoit.email }).where(eq(user.username, demo.benoit.number));
  });

  it("lets the member cancel from the alert's link, without signing in, during the hold", async () => {
    const sarah = await personNamed("Sarah");
    const res = await benoit.post(`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${sarah.id}`, {
      iban: sarahIban,
      holderName: "Sarah Mancion",
    });
    expect(res.status).toBe(302);
    const again = await benoit.post(`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${sarah.id}`, {
      iban: sarahIban,
      holderName: "Sarah Mancion",
    });
    expect(again.status).toBe(409);
    expect(visibleText(await again.text())).toContain("déjà en attente");

    const token = linkParam(lastMailTo(server.dataDir, demo.benoit.email), "jeton");
    const stranger = new TestClient(server.baseUrl);
    expect((await stranger.get(`/ma-mutuelle/coordonnees-bancaires/annuler?jeton=${token}`)).status).toBe(200);
    expect((await stranger.post("/ma-mutuelle/coordonnees-bancaires/annuler", { jeton: "x".repeat(43) })).status).toBe(
      200,
    );
    const cancelled = await stranger.post("/ma-mutuelle/coordonnees-bancaires/annuler", { jeton: token });
    expect(visibleText(await cancelled.text())).toContain("Le changement de RIB est annulé");
    const [change] = await db()
      .select()
      .from(bankChange)
      .where(and(eq(bankChange.personId, sarah.id)));
    expect(change!.status).toBe("cancelled");
    expect(await applyDueBankChanges(db(), new Date(Date.now() + 72 * 3600 * 1000))).toBe(0);
    expect((await personNamed("Sarah")).bankAccountId).toBe(sarah.bankAccountId);
    expect(visibleText(await (await benoit.get("/demandes")).text())).toMatch(/Statut : Annulé(?!e)/); // a changement (de RIB) is masculine
  });

  it("keeps each household to its own people and changes", async () => {
    const claire = new TestClient(server.baseUrl);
    await claire.signIn(demo.claire.number, demo.claire.password);
    await stepUpByEmail(claire, server.dataDir, demo.claire.email, demo.claire.password);
    const helia = await personNamed("Hélia");
    expect((await claire.get(`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${helia.id}`)).status).toBe(404);
    expect(
      (
        await claire.post(`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${helia.id}`, {
          iban: newIban,
          holderName: "Claire Fontaine",
        })
      ).status,
    ).toBe(404);

    const res = await benoit.post(`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${helia.id}`, {
      iban: sarahIban,
      holderName: "Hélia Brouez",
    });
    expect(res.status).toBe(302);
    const [pending] = await db()
      .select({ id: bankChange.id })
      .from(bankChange)
      .where(and(eq(bankChange.personId, helia.id), eq(bankChange.status, "pending")));
    await claire.post("/ma-mutuelle/coordonnees-bancaires", { changeId: pending!.id });
    const [still] = await db()
      .select({ status: bankChange.status })
      .from(bankChange)
      .where(eq(bankChange.id, pending!.id));
    expect(still!.status).toBe("pending");
    await benoit.post("/ma-mutuelle/coordonnees-bancaires", { changeId: pending!.id });
    const [gone] = await db()
      .select({ status: bankChange.status })
      .from(bankChange)
      .where(eq(bankChange.id, pending!.id));
    expect(gone!.status).toBe("cancelled");
  });
});

describe("key rotation", () => {
  it("still reads rows under the old key once a new key is first, then re-encrypts them all", async () => {
    const rows = async () =>
      db()
        .select({ householdId: bankAccount.householdId, ibanEncrypted: bankAccount.ibanEncrypted })
        .from(bankAccount)
        .where(sql`${bankAccount.ibanEncrypted} is not null`);
    const before = await rows();
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.every((r) => r.ibanEncrypted!.startsWith("v1.kx2026."))).toBe(true);
    const rotated = parseKeyRing(`k_2026:${randomBytes(32).toString("base64")},${oldKey}`);
    const clear = before.map((r) => decryptIban(rotated, r.ibanEncrypted!, r.householdId));
    expect(await reencryptIbans(db(), rotated, 2)).toEqual({ reencrypted: before.length, left: 0 });
    const after = await rows();
    expect(after.every((r) => r.ibanEncrypted!.startsWith("v1.k_2026."))).toBe(true);
    const newOnly = parseKeyRing(`k_2026:${rotated.keys.get("k_2026")!.toString("base64")}`);
    expect(after.map((r) => decryptIban(newOnly, r.ibanEncrypted!, r.householdId)).sort()).toEqual(clear.sort());
    expect(await reencryptIbans(db(), rotated)).toEqual({ reencrypted: 0, left: 0 });
  });
});

describe("mails", () => {
  it("sent one alert per change and per address", () => {
    expect(
      mailsTo(server.dataDir, demo.benoit.email).filter((m) => m.subject.startsWith("Alerte sécurité")).length,
    ).toBe(3);
  });
});
