// Back-office member search, member page and its audit, the member's view of those accesses, and the fraud
// signals of a claim, on the built server.
import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { user } from "../../app/modules/accounts/schema.ts";
import type { AdvisorViewer } from "../../app/modules/accounts/viewer.server.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { fraudSignalsForRequest } from "../../app/modules/back-office/fraud-signals.server.ts";
import { bankChange } from "../../app/modules/banking/schema.ts";
import { bankAccount, household, person } from "../../app/modules/households/schema.ts";
import { memberRequest, requestFile } from "../../app/modules/requests/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { describe, expect, test as withPeople } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";
import { demoData, fr, moved } from "../support/clock.ts";

// Léa's accepted dental claim of the source document (DR-2026-L4K7P2M9 there), as the demo data has it today.
const dentalRequest = demoData.benoit.requests.find((r) => r.careType === "dentaire")!;

const householdOf = async (server: TestServer, memberNumber: string) =>
  (
    await server.services.db
      .select({ id: household.id })
      .from(household)
      .where(eq(household.memberNumber, memberNumber))
  )[0]!.id;

// The ids the tests compare with: the demo conseiller's user, Benoit's and Claire's households.
const test = withPeople
  .extend(
    "advisorId",
    { scope: "file" },
    async ({ server }) =>
      (await server.services.db.select({ id: user.id }).from(user).where(eq(user.username, demo.advisor.username)))[0]!
        .id,
  )
  .extend("benoitHousehold", { scope: "file" }, ({ server }) => householdOf(server, demo.benoit.number))
  .extend("claireHousehold", { scope: "file" }, ({ server }) => householdOf(server, demo.claire.number));

const searchRows = (server: TestServer) =>
  server.services.db.select().from(auditLog).where(eq(auditLog.action, "backoffice.member_search"));
const viewRows = (server: TestServer, householdId: string) =>
  server.services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "backoffice.member_view"), eq(auditLog.householdId, householdId)));

async function search(advisor: TestClient, q: string) {
  const res = await advisor.get(`/back-office/adherents?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  return {
    html,
    text: visibleText(html),
    numbers: [...html.matchAll(/href="\/back-office\/adherents\/(\d{8})"/g)].map((m) => m[1]),
  };
}

describe("member search", () => {
  test("is linked from the back-office home and shows an empty form first, without a search row", async ({
    server,
    advisor,
  }) => {
    expect(await (await advisor.get("/back-office")).text()).toContain('href="/back-office/adherents"');
    const { text, numbers } = await search(advisor, "");
    expect(text).toContain("Numéro d'adhérent, nom ou adresse e-mail");
    expect(numbers).toEqual([]);
    expect(await searchRows(server)).toHaveLength(0);
  });

  test("finds a member by numéro (exact), with the table's columns", async ({ advisor }) => {
    const { text, numbers } = await search(advisor, "10000001");
    expect(numbers).toEqual(["10000001"]);
    expect(text).toContain("BROUEZ Benoit");
    expect(text).toContain("Optimale");
    expect(text).toContain("benoit.brouez@example.com");
    expect(text).toContain("1 adhérent trouvé.");
    // Exact: a numéro that is not there finds nobody, and the search is still recorded.
    expect((await search(advisor, "10000009")).numbers).toEqual([]);
  });

  test("finds by last or first name prefix, whatever the case and accents, including people covered", async ({
    advisor,
  }) => {
    expect((await search(advisor, "brou")).numbers).toEqual(["10000001"]);
    expect((await search(advisor, "BENOÎT")).numbers).toEqual(["10000001"]);
    expect((await search(advisor, "helia")).numbers).toEqual(["10000001"]); // Hélia, Benoit's daughter
    expect((await search(advisor, "Fontaine")).numbers).toEqual(["10000002"]);
    expect((await search(advisor, "claire fon")).numbers).toEqual(["10000002"]);
    // A prefix, not a substring.
    expect((await search(advisor, "rouez")).numbers).toEqual([]);
  });

  test("finds by e-mail, exact but in any case", async ({ advisor }) => {
    expect((await search(advisor, "Claire.Fontaine@EXAMPLE.com")).numbers).toEqual(["10000002"]);
    expect((await search(advisor, "claire.fontaine@example.co")).numbers).toEqual([]);
  });

  test("explains a query that is too short or finds nothing", async ({ server, advisor }) => {
    const before = (await searchRows(server)).length;
    const short = await search(advisor, "B");
    expect(short.text).toContain("Saisissez au moins 2 caractères pour lancer la recherche.");
    expect(short.numbers).toEqual([]);
    // Too short is not searched, so not recorded.
    expect(await searchRows(server)).toHaveLength(before);
    const none = await search(advisor, "Zorglub");
    expect(none.text).toContain("Aucun adhérent ne correspond à « Zorglub ».");
    expect(await searchRows(server)).toHaveLength(before + 1);
  });

  test("records each search with its result count only, never the words typed", async ({ server, advisorId }) => {
    const rows = await searchRows(server);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      expect(row.actorUserId).toBe(advisorId);
      expect(row.householdId).toBeNull();
      expect(Object.keys(row.details ?? {})).toEqual(["results"]);
    }
    expect(rows.map((r) => r.details!.results)).toContain(0);
    expect(rows.map((r) => r.details!.results)).toContain(1);
  });
});

describe("member page", () => {
  test("shows the contract, people, masked accounts with a pending change, démarches, payments and threads", async ({
    server,
    advisor,
    advisorId,
    benoitHousehold,
  }) => {
    const db = server.services.db;
    // A pending RIB change for Sarah, as the banking module leaves it during the hold.
    const [sarah] = await db
      .select()
      .from(person)
      .where(and(eq(person.householdId, benoitHousehold), eq(person.firstName, "Sarah")));
    const [account] = await db
      .insert(bankAccount)
      .values({
        householdId: benoitHousehold,
        holderName: "SARAH MANCION",
        ibanMasked: "FR76 **** **** **** **** **** 777",
      })
      .returning({ id: bankAccount.id });
    await db.insert(bankChange).values({
      householdId: benoitHousehold,
      personId: sarah!.id,
      newBankAccountId: account!.id,
      previousBankAccountId: sarah!.bankAccountId,
      cancelTokenHash: randomBytes(16).toString("hex"),
      requestedAt: new Date("2026-08-20T08:00:00Z"),
      effectiveAt: new Date("2026-08-27T08:00:00Z"),
    });
    const [demoRequest] = await db
      .select()
      .from(memberRequest)
      .where(eq(memberRequest.reference, dentalRequest.reference));

    const viewsBefore = (await viewRows(server, benoitHousehold)).length;
    const res = await advisor.get("/back-office/adherents/10000001");
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = visibleText(html);
    expect(text).toContain("Benoit Brouez — adhérent n° 10000001");
    expect(text).toContain("Optimale");
    expect(text).toContain("289,40");
    // The demo's people came before online adhesions: no NIR recorded for them.
    expect(text).toMatch(/Sarah Mancion Conjoint 02\/09\/1984 Non enregistré depuis le \d{2}\/\d{2}\/\d{4}/);
    expect(text).toContain("Léa Brouez Enfant 17/02/2015 Non enregistré");
    // The masked IBAN is followed by its spoken form for screen readers ("compte se terminant par 123").
    expect(text).toMatch(
      /FR76 \*{4} \*{4} \*{4} \*{4} \*{4} 123 (compte se terminant par 123 )?\(\s*BENOIT BROUEZ\s*\)/,
    );
    expect(text).toMatch(
      /Remboursements de Sarah Mancion : nouveau compte FR76 \*{4} \*{4} \*{4} \*{4} \*{4} 777( se terminant par 777)?\s*, demandé le 20\/08\/2026, effectif le 27\/08\/2026/,
    );
    // Masked only: no whole IBAN anywhere on the page.
    expect(html).not.toMatch(/FR76\d{10,}/);
    expect(html).toContain(`href="/back-office/demandes/${demoRequest!.id}"`);
    expect(text).toContain(`${dentalRequest.reference} Soins dentaires ${fr(moved("2026-06-05"))} Acceptée`);
    expect(text).toContain(`${fr(moved("2026-08-25"))} Pharmacie Benoit Brouez ${fr(moved("2026-08-21"))} 45,00`);
    expect(html).toMatch(/href="\/back-office\/messagerie\/[0-9a-f-]{36}"/);
    expect(text).toContain("Prélèvement des cotisations");

    const views = await viewRows(server, benoitHousehold);
    expect(views).toHaveLength(viewsBefore + 1);
    expect(views.at(-1)).toMatchObject({
      actorUserId: advisorId,
      outcome: "success",
      details: { what: "member_file" },
    });
    // Every view, not the first only.
    expect((await advisor.get("/back-office/adherents/10000001")).status).toBe(200);
    expect(await viewRows(server, benoitHousehold)).toHaveLength(viewsBefore + 2);
  });

  test("is a 404 for an unknown or malformed numéro, with nothing recorded", async ({ server, advisor }) => {
    const before = await server.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "backoffice.member_view"));
    for (const path of [
      "/back-office/adherents/99999999",
      "/back-office/adherents/1000000",
      "/back-office/adherents/10000001x",
      "/back-office/adherents/abc",
    ]) {
      expect((await advisor.get(path)).status, path).toBe(404);
    }
    expect(
      await server.services.db.select().from(auditLog).where(eq(auditLog.action, "backoffice.member_view")),
    ).toHaveLength(before.length);
  });

  test("never opens to a member (404) nor to someone signed out (sign-in page)", async ({ server, member: benoit }) => {
    for (const path of [
      "/back-office/adherents",
      "/back-office/adherents?q=Brouez",
      "/back-office/adherents/10000001",
      "/back-office/adherents/10000002",
    ]) {
      expect((await benoit.get(path)).status, path).toBe(404);
    }
    const anonymous = await new TestClient(server.baseUrl).get("/back-office/adherents/10000001");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/connexion\?redirectTo=/);
  });
});

describe("the member sees the accesses to their file", () => {
  test("lists the advisor, the date and time, and what was looked at, in Mon compte", async ({ member: benoit }) => {
    const text = visibleText(await (await benoit.get("/mon-compte")).text());
    expect(text).toContain("Accès de votre mutuelle à votre dossier");
    expect(text).toMatch(
      /\d{2}\/\d{2}\/\d{4} (à|de) \d{2}:\d{2}( à \d{2}:\d{2})? Camille Conseil le résumé de votre dossier/,
    );
    // Searches carry no household: they are not shown as a look at anyone's file.
    expect(text).not.toContain("recherche");
  });

  test("shows a household only its own accesses", async ({ advisor, otherMember: claire }) => {
    const text = visibleText(await (await claire.get("/mon-compte")).text());
    expect(text).toContain("Aucun conseiller n'a consulté votre dossier récemment.");
    expect((await advisor.get("/back-office/adherents/10000002")).status).toBe(200);
    const after = visibleText(await (await claire.get("/mon-compte")).text());
    expect(after).toMatch(/Camille Conseil le résumé de votre dossier/);
  });
});

describe("fraud signals", () => {
  const advisorViewer = (advisorId: string): AdvisorViewer => ({
    kind: "advisor",
    userId: advisorId,
    sessionId: "test",
    name: "Camille Conseil",
    twoFactorEnabled: true,
    role: "conseiller",
  });

  async function claim(
    server: TestServer,
    householdId: string,
    beneficiaryFirstName: string,
    values: { careType: string; careDate: string; createdAt?: Date; hash?: string },
  ) {
    const db = server.services.db;
    const [beneficiary] = await db
      .select({ id: person.id })
      .from(person)
      .where(and(eq(person.householdId, householdId), eq(person.firstName, beneficiaryFirstName)));
    const reference = `DR-2026-T${randomBytes(4).toString("hex").toUpperCase().slice(0, 7)}`;
    const [row] = await db
      .insert(memberRequest)
      .values({
        reference,
        householdId,
        beneficiaryId: beneficiary!.id,
        kind: "claim",
        careType: values.careType,
        careDate: values.careDate,
        amountCents: 5000,
        createdAt: values.createdAt ?? new Date(),
        updatedAt: new Date(),
      })
      .returning({ id: memberRequest.id });
    if (values.hash) {
      await db.insert(requestFile).values({
        householdId,
        requestId: row!.id,
        originalName: "facture.pdf",
        storedName: randomUUID(),
        mimeType: "application/pdf",
        sizeBytes: 1000,
        sha256: values.hash,
      });
    }
    return { id: row!.id, reference };
  }

  test("flags a second claim for the same care, and an invoice already sent by another household without naming it", async ({
    server,
    advisorId,
    benoitHousehold,
    claireHousehold,
  }) => {
    const db = server.services.db;
    const invoice = randomBytes(32).toString("hex");
    const benoitClaim = await claim(server, benoitHousehold, "Louise", {
      careType: "medecin",
      careDate: "2026-08-03",
      hash: invoice,
    });
    // Claire signs in (a device never seen before on this fresh server), then files the same care twice.
    const claire = new TestClient(server.baseUrl);
    const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
    expect(
      (
        await claire.post(
          "/connexion",
          { identifier: demo.claire.number, password: demo.claire.password },
          { "user-agent": firefox },
        )
      ).status,
    ).toBe(302);
    // The sign-in row keeps the device family only, never the whole user agent.
    const signInRows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_in"), eq(auditLog.outcome, "success")))
      .orderBy(asc(auditLog.id));
    expect(signInRows.at(-1)!.details).toEqual({ device: "Firefox sur Windows" });
    expect(JSON.stringify(signInRows)).not.toContain("Gecko");
    const first = await claim(server, claireHousehold, "Tom", {
      careType: "dentaire",
      careDate: "2026-08-10",
      hash: randomBytes(32).toString("hex"),
    });
    const second = await claim(server, claireHousehold, "Tom", {
      careType: "dentaire",
      careDate: "2026-08-10",
      hash: invoice,
    });

    const signals = await fraudSignalsForRequest(db, advisorViewer(advisorId), second.id);
    expect(signals.map((s) => s.code)).toEqual(["duplicate_care", "reused_invoice", "new_device_sign_in"]);
    expect(signals[0]!.message).toContain(first.reference);
    expect(signals[1]!.message).toContain("un autre adhérent");
    expect(signals[1]!.message).not.toContain(benoitClaim.reference);
    expect(signals[1]!.message).not.toMatch(/Brouez|Benoit|10000001/);
    // Claire first signed in earlier in this file from the test client (no browser in its user agent): the
    // earliest new device of the week is the one named.
    expect(signals[2]!.message).toMatch(
      /appareil inhabituel \(Navigateur sur système inconnu, le \d{2}\/\d{2}\/\d{4}\)/,
    );

    // The other way round: Benoit's claim shows the invoice reused, not the care (other household).
    const fromBenoit = await fraudSignalsForRequest(db, advisorViewer(advisorId), benoitClaim.id);
    expect(fromBenoit.map((s) => s.code)).toContain("reused_invoice");
    expect(fromBenoit.map((s) => s.code)).not.toContain("duplicate_care");
  });

  test("flags a claim filed within 30 days of a bank change, and nothing for an old ordinary claim", async ({
    server,
    advisorId,
    benoitHousehold,
  }) => {
    const db = server.services.db;
    // Sarah's change above was requested on 20/08/2026: a claim filed five days later is flagged.
    const recent = await claim(server, benoitHousehold, "Léa", {
      careType: "pharmacie",
      careDate: "2026-08-22",
      createdAt: new Date("2026-08-25T09:00:00Z"),
    });
    const codes = (await fraudSignalsForRequest(db, advisorViewer(advisorId), recent.id)).map((s) => s.code);
    expect(codes).toContain("recent_iban_change");
    const late = await claim(server, benoitHousehold, "Léa", {
      careType: "pharmacie",
      careDate: "2026-08-22",
      createdAt: new Date("2026-09-20T09:00:00Z"),
    });
    expect((await fraudSignalsForRequest(db, advisorViewer(advisorId), late.id)).map((s) => s.code)).toEqual([
      "duplicate_care",
    ]);
    const old = await claim(server, benoitHousehold, "Léa", {
      careType: "optique",
      careDate: "2025-01-10",
      createdAt: new Date("2025-01-12T09:00:00Z"),
    });
    expect(await fraudSignalsForRequest(db, advisorViewer(advisorId), old.id)).toEqual([]);
  });

  test("returns nothing for an unknown or malformed request id", async ({ server, advisorId }) => {
    expect(await fraudSignalsForRequest(server.services.db, advisorViewer(advisorId), randomUUID())).toEqual([]);
    expect(await fraudSignalsForRequest(server.services.db, advisorViewer(advisorId), "not-a-uuid")).toEqual([]);
  });
});
