// Offre & devis (issue 21): a prospect's quote without an account, a member's levels priced for their own
// household, and the two contract démarches (change of level, résiliation) created by the member and decided in
// the back-office. Runs on PGlite and PostgreSQL.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { household, person } from "../../app/modules/households/schema.ts";
import { firstOfNextMonth, levelChangeEffectiveDate, priceHousehold } from "../../app/modules/offer/pricing.ts";
import { terminationDates } from "../../app/modules/offer/termination.ts";
import { applyDueLevelChanges } from "../../app/modules/offer/member-offer.server.ts";
import { addDays, addYears } from "../../app/modules/clock/calendar.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { formatDate, formatEuros as formatEurosNbsp } from "../../app/modules/shared/format.ts";
import { type BackOfficeCast, startBackOfficeCast } from "../support/back-office-cast.ts";
import { demoData, today } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";

let cast: BackOfficeCast;
beforeAll(async () => {
  cast = await startBackOfficeCast();
}, 120_000);
afterAll(() => cast.server.close());

/** visibleText turns the non-breaking spaces of French amounts into plain spaces. */
const formatEuros = (cents: number) => formatEurosNbsp(cents).replace(/\s/g, " ");
const text = async (res: Response) => visibleText(await res.text());
const benoitHome = () => demoData.benoit;
const roleOf = { member: "subscriber", spouse: "spouse", child: "child" } as const;

async function requestByReference(reference: string) {
  const [row] = await cast.server.services.db
    .select({ id: memberRequest.id, status: memberRequest.status, kind: memberRequest.kind })
    .from(memberRequest)
    .where(eq(memberRequest.reference, reference));
  return row!;
}

describe("a prospect's quote, without an account", () => {
  it("shows the form, then the three levels side by side with the price computed for the household", async () => {
    const visitor = new TestClient(cast.server.baseUrl);
    const page = await visitor.get("/offre");
    expect(page.status).toBe(200);
    const form = await text(page);
    expect(form).toContain("Obtenir un tarif");
    expect(form).toContain("100 % Santé");
    expect(form).toContain("Contrat responsable");

    const res = await visitor.post("/offre", {
      intent: "quote",
      count: "3",
      postalCode: "75011",
      birth_0: "14/03/1982",
      role_1: "spouse",
      birth_1: "1984-09-02",
      role_2: "child",
      birth_2: "2015-02-17",
      wanted: "equilibre",
    });
    expect(res.status).toBe(200);
    const html = await text(res);
    const date = firstOfNextMonth(today);
    const people = [
      { role: "subscriber", birthDate: "1982-03-14" },
      { role: "spouse", birthDate: "1984-09-02" },
      { role: "child", birthDate: "2015-02-17" },
    ] as const;
    const tariffs = cast.server.services.tariffs;
    expect(tariffs.map((t) => t.label)).toEqual(["Essentielle", "Équilibre", "Optimale"]);
    for (const tariff of tariffs) {
      const expected = priceHousehold(tariff, { postalCode: "75011", date, people });
      expect(expected.zone.id).toBe("Z3"); // Paris
      expect(html).toContain(`${formatEuros(expected.monthlyCents)} par mois`);
    }
    expect(html).toContain(`adhésion au ${formatDate(date)}`);
    expect(html).toContain("Votre choix");
    // Key guarantees in the words of Mes garanties.
    expect(html).toContain("de la base de remboursement, Sécurité sociale comprise");
  });

  it("adds and removes a person by re-rendering the form, keeping what was typed", async () => {
    const visitor = new TestClient(cast.server.baseUrl);
    const added = await visitor.post("/offre", {
      intent: "add_person",
      count: "1",
      postalCode: "69003",
      birth_0: "01/02/1980",
    });
    expect(added.status).toBe(200);
    const html = await added.text();
    expect(html).toContain('name="birth_1"');
    expect(html).toContain('value="69003"');
    expect(html).toContain('value="01/02/1980"');
    const removed = await visitor.post("/offre", {
      intent: "remove_1",
      count: "2",
      postalCode: "69003",
      birth_0: "01/02/1980",
      birth_1: "01/01/2010",
    });
    const after = await removed.text();
    expect(after).not.toContain('name="birth_1"');
    expect(after).toContain('value="01/02/1980"');
    // At ten people the button gives way to where a larger family gets its quote.
    const ten = await visitor.post("/offre", { intent: "add_person", count: "9", postalCode: "69003" });
    const full = visibleText(await ten.text());
    expect(full).not.toContain("Ajouter une personne");
    expect(full).toContain("Un tarif en ligne couvre 10 personnes au plus");
  });

  it("answers bad input with French messages beside the fields and a 400, never a 500", async () => {
    const visitor = new TestClient(cast.server.baseUrl);
    const res = await visitor.post("/offre", {
      intent: "quote",
      count: "3",
      postalCode: "00000",
      birth_0: "31/02/1980",
      role_1: "spouse",
      birth_1: "2090-01-01",
      role_2: "spouse",
      birth_2: "01/01/1985",
    });
    expect(res.status).toBe(400);
    const html = await text(res);
    expect(html).toContain("Ce code postal ne correspond à aucun département.");
    expect(html).toContain("Date de naissance invalide");
    expect(html).toContain("La date de naissance ne peut pas être dans le futur.");
    expect(html).toContain("Un seul conjoint peut être couvert");
    expect(html).not.toContain("par mois");
  });
});

describe("a member's offer, priced for their own household", () => {
  it("shows their level, their price and each level priced for the people they cover", async () => {
    const res = await cast.benoit.get("/offre");
    expect(res.status).toBe(200);
    const html = await text(res);
    const home = benoitHome();
    expect(html).toContain("Mon offre et les autres niveaux");
    expect(html).toContain(formatEuros(home.premiumMonthlyCents));
    const date = firstOfNextMonth(today);
    const people = home.people.map((p) => ({ role: roleOf[p.role], birthDate: p.birthDate }));
    for (const tariff of cast.server.services.tariffs) {
      const expected = priceHousehold(tariff, { postalCode: home.address.postalCode, date, people });
      expect(html).toContain(`${formatEuros(expected.monthlyCents)} par mois`);
    }
    // Three children: the cheapest is free.
    expect(html).toContain("offert (à partir du 3e enfant)");
    const raw = await (await cast.benoit.get("/offre")).text();
    expect(raw).toContain('href="/offre/changer-de-niveau?niveau=equilibre"');
    expect(raw).not.toContain('href="/offre/changer-de-niveau?niveau=optimale"'); // their own level
    const contract = await text(await cast.benoit.get("/ma-mutuelle"));
    expect(contract).toContain("Comparer les niveaux de garantie pour mon foyer");
    expect(contract).toContain("Résilier mon contrat");
  });

  it("asks a change of level (a démarche), which a gestionnaire accepts: level and price follow on the effective date", async () => {
    const home = benoitHome();
    const tariff = cast.server.services.tariffs.find((t) => t.level === "equilibre")!;
    const effective = levelChangeEffectiveDate(tariff, today, home.coverageStart);
    const expected = priceHousehold(tariff, {
      postalCode: home.address.postalCode,
      date: effective,
      people: home.people.map((p) => ({ role: roleOf[p.role], birthDate: p.birthDate })),
    });
    const preview = await text(await cast.benoit.get("/offre/changer-de-niveau?niveau=equilibre"));
    expect(preview).toContain(formatDate(effective));
    expect(preview).toContain(formatEuros(expected.monthlyCents));
    expect((await cast.benoit.get("/offre/changer-de-niveau?niveau=inconnu")).status).toBe(404);

    const sent = await cast.benoit.post("/offre/changer-de-niveau?niveau=equilibre", { niveau: "equilibre" });
    expect(sent.status).toBe(302);
    const reference = /demande=(NIV-\d{4}-[A-Z0-9]{8})/.exec(sent.headers.get("location") ?? "")?.[1];
    expect(reference).toBeTruthy();
    // A second one while the first is open is refused, in French.
    const again = await cast.benoit.post("/offre/changer-de-niveau?niveau=essentielle", { niveau: "essentielle" });
    expect(again.status).toBe(409);
    const refusal = await text(again);
    expect(refusal).toContain("Un changement de niveau est déjà en cours");
    // Said once: the page's own notice does not repeat the refusal above it.
    expect(refusal.split("Un changement de niveau est déjà en cours")).toHaveLength(2);

    const request = await requestByReference(reference!);
    expect(request.kind).toBe("level_change");
    expect(await text(await cast.benoit.get(`/demandes/${request.id}`))).toContain("Changement de niveau de garantie");
    // In the back-office queue; a conseiller cannot decide it, a gestionnaire can.
    expect(await text(await cast.conseiller.get("/back-office/demandes?file=niveaux"))).toContain(reference!);
    const refused = await cast.conseiller.post(`/back-office/demandes/${request.id}`, {
      intent: "accept_level_change",
    });
    expect(refused.status).toBe(403);
    const [before] = await cast.server.services.db
      .select({ level: household.coverageLevel, premium: household.premiumMonthlyCents })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    const decided = await cast.gestionnaire.post(`/back-office/demandes/${request.id}`, {
      intent: "accept_level_change",
    });
    expect(decided.status).toBe(302);
    expect((await requestByReference(reference!)).status).toBe("accepted");
    const [row] = await cast.server.services.db
      .select({
        level: household.coverageLevel,
        premium: household.premiumMonthlyCents,
        pendingLevel: household.pendingCoverageLevel,
        pendingPremium: household.pendingPremiumMonthlyCents,
        pendingFrom: household.pendingLevelFrom,
      })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    // Dated: until the effective date the current level and premium stay; the new ones wait for it.
    expect(row).toEqual({
      level: before!.level,
      premium: before!.premium,
      pendingLevel: "Équilibre",
      pendingPremium: expected.monthlyCents,
      pendingFrom: effective,
    });
    const offer = await text(await cast.benoit.get("/offre"));
    expect(offer).toContain(`Changement accepté : niveau Équilibre à partir du ${formatDate(effective)}`);
    const other = await cast.benoit.post("/offre/changer-de-niveau?niveau=essentielle", { niveau: "essentielle" });
    expect(other.status).toBe(409);
    expect(await text(other)).toContain("Votre passage au niveau Équilibre");
    // The day before, nothing changes; on the effective date the job applies it.
    expect(await applyDueLevelChanges(cast.server.services.db, addDays(effective, -1))).toBe(0);
    expect(await applyDueLevelChanges(cast.server.services.db, effective)).toBe(1);
    const [after] = await cast.server.services.db
      .select({
        level: household.coverageLevel,
        premium: household.premiumMonthlyCents,
        pending: household.pendingLevelFrom,
      })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    expect(after).toEqual({ level: "Équilibre", premium: expected.monthlyCents, pending: null });
    expect(lastMailTo(cast.server.dataDir, demo.benoit.email).subject).toContain(reference!);
  });

  it("résiliation in three clicks: summary, confirmation, acknowledgement by e-mail; decided in the back-office", async () => {
    const home = benoitHome();
    const dates = terminationDates(today, home.coverageStart);
    const summary = await text(await cast.benoit.get("/ma-mutuelle/resiliation"));
    expect(summary).toContain("Ce qui prend fin, et quand");
    expect(summary).toContain(`Dernier jour couvert : ${formatDate(dates.lastCoveredDay)}`);
    expect(summary).toContain("Confirmer la résiliation");
    // What is kept, and until when: the last covered day plus FORMER_MEMBER_ACCESS_YEARS (3), that day included.
    const keptUntil = formatDate(addYears(dates.lastCoveredDay, 3));
    expect(summary).toContain(
      `L'accès à votre espace adhérent, à vos remboursements et à vos documents pendant 3 ans, jusqu'au ${keptUntil}.`,
    );
    if (!addDays(dates.lastCoveredDay, 1).endsWith("-01"))
      expect(summary).toMatch(/due en proportion des jours couverts \(\d+ jours? sur (28|29|30|31)\), soit/);
    expect(summary).not.toContain("prorata");

    expect((await cast.benoit.post("/ma-mutuelle/resiliation", { reason: "<script>" })).status).toBe(400);
    const sent = await cast.benoit.post("/ma-mutuelle/resiliation", { reason: "prix" });
    expect(sent.status).toBe(302);
    const location = sent.headers.get("location") ?? "";
    const reference = /demande=(RES-\d{4}-[A-Z0-9]{8})/.exec(location)?.[1];
    expect(reference).toBeTruthy();
    const ack = await text(await cast.benoit.get(location));
    expect(ack).toContain("Résiliation enregistrée");
    expect(ack).toContain(`jusqu'au ${formatDate(dates.lastCoveredDay)} inclus`);
    expect(ack).toContain(
      `Vous gardez l'accès à votre espace adhérent et à vos documents pendant 3 ans, jusqu'au ${keptUntil}.`,
    );
    const mail = lastMailTo(cast.server.dataDir, demo.benoit.email);
    expect(mail.subject).toBe(`Accusé de réception de votre résiliation ${reference}`);
    expect(mail.text).toContain(`La résiliation prend effet le ${formatDate(dates.takesEffect)}`);
    expect(mail.text).toContain(`reçu le ${formatDate(today)}`);
    // Twice is refused; a change of level is no longer offered.
    expect((await cast.benoit.post("/ma-mutuelle/resiliation", {})).status).toBe(409);
    expect(await (await cast.benoit.get("/offre")).text()).not.toContain("/offre/changer-de-niveau?niveau=");

    const request = await requestByReference(reference!);
    expect(request.kind).toBe("termination");
    expect(await text(await cast.gestionnaire.get(`/back-office/demandes/${request.id}`))).toContain(
      "Résiliation notifiée",
    );
    const decided = await cast.gestionnaire.post(`/back-office/demandes/${request.id}`, {
      intent: "accept_termination",
    });
    expect(decided.status).toBe(302);
    const db = cast.server.services.db;
    const [contract] = await db
      .select({ id: household.id, end: household.coverageEnd })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    expect(contract!.end).toBe(dates.lastCoveredDay);
    const people = await db
      .select({ end: person.coverageEnd })
      .from(person)
      .where(and(eq(person.householdId, contract!.id)));
    for (const p of people) expect(p.end! <= dates.lastCoveredDay).toBe(true);
    // The member sees the end on Ma mutuelle, and keeps their space and documents.
    const mine = await text(await cast.benoit.get("/ma-mutuelle"));
    expect(mine).toContain(`Fin du contrat Résilié : dernier jour couvert le ${formatDate(dates.lastCoveredDay)}`);
    // For FORMER_MEMBER_ACCESS_YEARS (3 by default), through the last covered day plus 3 years, that day included.
    expect(mine).toContain(
      `Votre espace et vos documents restent accessibles pendant 3 ans, jusqu'au ${formatDate(addYears(dates.lastCoveredDay, 3))}.`,
    );
    // Neither a change of level (refused with 409 once the contract has an end) nor a second résiliation is offered.
    expect(mine).toContain("Votre contrat étant résilié, vous ne pouvez plus changer de niveau de garantie.");
    expect(mine).not.toContain("changer de niveau</a>");
    expect(mine).not.toContain("Comparer les niveaux de garantie pour mon foyer");
    expect(mine).not.toContain("Résilier mon contrat");
    expect(await text(await cast.benoit.get("/ma-mutuelle/resiliation"))).toContain(
      `Votre contrat prend fin le ${formatDate(dates.lastCoveredDay)}.`,
    );
    expect((await cast.benoit.get("/")).status).toBe(200);
    expect((await cast.benoit.get("/documents")).status).toBe(200);
    expect((await cast.benoit.get("/remboursements")).status).toBe(200);
  });
});
