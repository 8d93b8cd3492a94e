// The contract in money (issue 21's remainders): the échéancier and the attestation de cotisations follow the
// dated premiums (a change of level applied by the job keeps the former premium for the months before it); a
// résiliation charges its last month pro rata temporis (art. L221-10-2 code de la mutualité), closes a change of
// level still open and cancels one accepted for a later date; an online adhesion is charged the price signed,
// and its échéancier's first debit is the one the welcome e-mail announced. Runs on PGlite and PostgreSQL.
// Years are the test clock's (thisYear − 1: a year that is over), never written out.
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { proposeClaimAmount } from "../../app/modules/back-office/claim-proposal.server.ts";
import { premiumScheduleDocument } from "../../app/modules/documents/contract-documents.ts";
import { yearSchedule } from "../../app/modules/documents/yearly-debits.server.ts";
import { addDays, addMonths } from "../../app/modules/clock/calendar.ts";
import { household, householdFormerLevel, person } from "../../app/modules/households/schema.ts";
import { firstDebits } from "../../app/modules/offer/adhesion-rules.ts";
import { applyDueLevelChanges } from "../../app/modules/offer/member-offer.server.ts";
import { affiliationJourney } from "../../app/modules/offer/schema.ts";
import { memberRequest, requestEvent } from "../../app/modules/requests/schema.ts";
import { formatDate } from "../../app/modules/shared/format.ts";
import { journeyStart, signJourney } from "../support/adhesion-journey.ts";
import { type BackOfficeCast, startBackOfficeCast } from "../support/back-office-cast.ts";
import { euros, thisYear } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";
import { pdfText } from "../support/pdf.ts";
import { memberViewer } from "../support/viewer.ts";

let cast: BackOfficeCast;
let claire: TestClient;
beforeAll(async () => {
  cast = await startBackOfficeCast();
  claire = new TestClient(cast.server.baseUrl);
  await claire.signIn(demo.claire.number, demo.claire.password);
}, 180_000);
afterAll(() => cast.server.close());

const text = async (res: Response) => visibleText(await res.text());
/** The debits table of a document page: [date, amount] per row, amounts with plain spaces. */
async function debitRows(client: TestClient, path: string): Promise<[string, string][]> {
  const res = await client.get(path);
  expect(res.status).toBe(200);
  const html = await res.text();
  return [...html.matchAll(/<td class="cell-left">([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => [
    m[1]!,
    m[2]!.replace(/\s/g, " "),
  ]);
}
/** The total row of a document page's debits table: [label, amount]. */
async function totalRow(client: TestClient, path: string): Promise<[string, string]> {
  const html = await (await client.get(path)).text();
  const m = /<th scope="row">([^<]+)<\/th><td>([^<]+)<\/td>/.exec(html)!;
  return [m[1]!, m[2]!.replace(/\s/g, " ")];
}
const homeOf = async (number: string) =>
  (await cast.server.services.db.select().from(household).where(eq(household.memberNumber, number)))[0]!;

describe("the échéancier after a change of level applied by the job", () => {
  it("keeps the former premium for the months before the change: 9 × old + 3 × new, and so does the attestation", async () => {
    const { db } = cast.server.services;
    const year = thisYear - 1;
    const before = await homeOf(demo.benoit.number);
    // Benoit's demo premium (Optimale): 289,40 €. A change to Essentielle at 90,00 € accepted for 01/10 of last
    // year, as accept_level_change records it; then the hourly job runs on that day.
    expect(before.premiumMonthlyCents).toBe(28940);
    await db
      .update(household)
      .set({ pendingCoverageLevel: "Essentielle", pendingPremiumMonthlyCents: 9000, pendingLevelFrom: `${year}-10-01` })
      .where(eq(household.id, before.id));
    // The échéancier already shows it before it applies…
    const pending = await debitRows(cast.benoit, `/documents/echeancier/${year}`);
    expect(await applyDueLevelChanges(db, `${year}-10-01`)).toBe(1);
    const [former] = await db
      .select()
      .from(householdFormerLevel)
      .where(eq(householdFormerLevel.householdId, before.id));
    expect(former).toMatchObject({ level: "Optimale", until: `${year}-09-30`, premiumMonthlyCents: 28940 });

    // …and once applied the months paid at the old premium keep it (the lost history of the audit).
    const rows = await debitRows(cast.benoit, `/documents/echeancier/${year}`);
    expect(rows).toEqual(pending);
    expect(rows.map(([date]) => date)).toEqual(
      Array.from({ length: 12 }, (_, i) => formatDate(`${year}-${String(i + 1).padStart(2, "0")}-05`)),
    );
    expect(rows.map(([, amount]) => amount)).toEqual([
      ...Array<string>(9).fill("289,40 €"),
      ...Array<string>(3).fill("90,00 €"),
    ]);
    // 9 × 289,40 + 3 × 90,00 = 2 604,60 + 270,00 = 2 874,60 €
    expect(await totalRow(cast.benoit, `/documents/echeancier/${year}`)).toEqual([`Total ${year}`, euros(287460)]);
    // The attestation de cotisations of that year (over: every debit paid), page and PDF: the same total.
    expect(await totalRow(cast.benoit, `/documents/attestation-cotisations/${year}`)).toEqual([
      `Total des cotisations versées en ${year}`,
      euros(287460),
    ]);
    const pdf = await cast.benoit.get(`/documents/attestation-cotisations/${year}/pdf`);
    expect(pdfText(await pdf.arrayBuffer())).toMatch(
      new RegExp(`Total des cotisations versées en ${year}\\s+2 874,60 €`),
    );
    // The year after (this year): the new premium every month.
    const now = await debitRows(cast.benoit, `/documents/echeancier/${thisYear}`);
    expect(now.every(([, amount]) => amount === "90,00 €")).toBe(true);
  });
});

describe("a résiliation in money", () => {
  it("closes an open change of level, charges the last month pro rata, cancels a later change, ends the card and the cover", async () => {
    const { db } = cast.server.services;
    const year = thisYear - 1;
    const home = await homeOf(demo.claire.number);
    expect(home.premiumMonthlyCents).toBe(11820);
    // An open change of level is closed by the résiliation (the member's right is not held up by it).
    const asked = await claire.post("/offre/changer-de-niveau?niveau=essentielle", { niveau: "essentielle" });
    expect(asked.status).toBe(302);
    const change = /demande=(NIV-\d{4}-[A-Z0-9]{8})/.exec(asked.headers.get("location") ?? "")![1]!;
    expect(await text(await claire.get("/ma-mutuelle/resiliation"))).toContain(
      `Votre demande de changement de niveau (référence ${change}) sera close`,
    );
    const sent = await claire.post("/ma-mutuelle/resiliation", {});
    expect(sent.status).toBe(302);
    const reference = /demande=(RES-\d{4}-[A-Z0-9]{8})/.exec(sent.headers.get("location") ?? "")![1]!;
    const [closed] = await db
      .select({ id: memberRequest.id, status: memberRequest.status })
      .from(memberRequest)
      .where(eq(memberRequest.reference, change));
    expect(closed!.status).toBe("cancelled");
    const [event] = await db
      .select({ note: requestEvent.note })
      .from(requestEvent)
      .where(and(eq(requestEvent.requestId, closed!.id), eq(requestEvent.status, "cancelled")));
    expect(event!.note).toContain(`Demande close : vous avez demandé la résiliation de votre contrat (${reference})`);
    const ack = lastMailTo(cast.server.dataDir, demo.claire.email);
    expect(ack.text).toContain(`Votre demande de changement de niveau ${change} est close`);
    expect(ack.text).toContain("due en proportion des jours couverts");

    // The résiliation as if notified on 15/02 of last year: last covered day the 14th of March. And a change of
    // level accepted for 01/05 of that year, after the end.
    const [termination] = await db
      .select({ id: memberRequest.id })
      .from(memberRequest)
      .where(eq(memberRequest.reference, reference));
    await db
      .update(memberRequest)
      .set({
        details: {
          notifiedOn: `${year}-02-15`,
          takesEffect: `${year}-03-15`,
          lastCoveredDay: `${year}-03-14`,
          firstYear: false,
          reason: null,
        },
      })
      .where(eq(memberRequest.id, termination!.id));
    await db
      .update(household)
      .set({ pendingCoverageLevel: "Optimale", pendingPremiumMonthlyCents: 20000, pendingLevelFrom: `${year}-05-01` })
      .where(eq(household.id, home.id));
    // Its démarche, accepted (as accept_level_change leaves it).
    const [levelChange] = await db
      .insert(memberRequest)
      .values({
        reference: `NIV-${year}-ANNULE01`,
        householdId: home.id,
        kind: "level_change",
        status: "accepted",
        details: {
          fromLevel: "equilibre",
          toLevel: "optimale",
          toLabel: "Optimale",
          effectiveDate: `${year}-05-01`,
          monthlyCents: 20000,
        },
      })
      .returning({ id: memberRequest.id });
    const decided = await cast.gestionnaire.post(`/back-office/demandes/${termination!.id}`, {
      intent: "accept_termination",
    });
    expect(decided.status).toBe(302);
    const ended = await homeOf(demo.claire.number);
    expect(ended).toMatchObject({
      coverageEnd: `${year}-03-14`,
      coverageLevel: "Équilibre",
      pendingCoverageLevel: null,
      pendingLevelFrom: null,
    });
    // 118,20 € × 14 ÷ 31 = 1 654,80 ÷ 31 = 53,38… → 53,38 € (rounded down to the cent, the member's favour).
    const [accepted] = await db
      .select({ note: requestEvent.note })
      .from(requestEvent)
      .where(and(eq(requestEvent.requestId, termination!.id), eq(requestEvent.status, "accepted")));
    expect(accepted!.note!.replace(/\s/g, " ")).toContain(
      `en proportion des jours couverts (14 jours sur 31) : ${euros(5338)}`,
    );
    expect(accepted!.note).toContain(`Le passage au niveau Optimale prévu le 01/05/${year} est annulé`);
    // The cancelled change's démarche is closed with its own event, in French, for the member.
    const [closedChange] = await db
      .select({ status: memberRequest.status })
      .from(memberRequest)
      .where(eq(memberRequest.id, levelChange!.id));
    expect(closedChange!.status).toBe("cancelled");
    const [closing] = await db
      .select({ note: requestEvent.note })
      .from(requestEvent)
      .where(and(eq(requestEvent.requestId, levelChange!.id), eq(requestEvent.status, "cancelled")));
    expect(closing!.note).toBe(
      `Le passage au niveau Optimale prévu le 01/05/${year} ne s'appliquera pas : votre contrat prend fin avant, le 14/03/${year} inclus (résiliation acceptée).`,
    );
    const [audited] = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, "backoffice.request_decision"), eq(auditLog.householdId, home.id)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audited!.details).toMatchObject({ cancelledLevelChange: `${year}-05-01`, lastCoveredDay: `${year}-03-14` });
    // The change dated after the end never applies.
    expect(await applyDueLevelChanges(db, `${year}-05-01`)).toBe(0);
    expect((await homeOf(demo.claire.number)).coverageLevel).toBe("Équilibre");

    // The échéancier of that year: January, February, then March pro rata; 2 × 118,20 + 53,38 = 289,78 €.
    expect(await debitRows(claire, `/documents/echeancier/${year}`)).toEqual([
      [formatDate(`${year}-01-05`), "118,20 €"],
      [formatDate(`${year}-02-05`), "118,20 €"],
      [formatDate(`${year}-03-05`), "53,38 €"],
    ]);
    expect(await text(await claire.get(`/documents/echeancier/${year}`))).toContain(
      `Votre contrat prend fin le 14/03/${year} : le prélèvement du 05/03/${year} paie mars ${year} en proportion des jours couverts (14 jours sur 31, article L221-10-2 du code de la mutualité).`,
    );
    expect(await totalRow(claire, `/documents/attestation-cotisations/${year}`)).toEqual([
      `Total des cotisations versées en ${year}`,
      euros(28978),
    ]);
    // The card of that year ends on the last covered day; no card for this year.
    const documents = await text(await claire.get("/documents"));
    expect(documents).toContain(`expirée le 14/03/${year}`);
    expect((await claire.get(`/documents/carte-tiers-payant/${thisYear}`)).status).toBe(404);
    // Care the day after the end is refused by the engine; the last covered day is still reimbursed.
    const [member] = await db
      .select({ id: person.id })
      .from(person)
      .where(and(eq(person.householdId, home.id), eq(person.role, "member")));
    const gp = {
      category: "generaliste" as const,
      baseCents: 3000,
      amoCents: 1900,
      deductibleCents: 200,
      quantity: 1,
      optam: true,
      outOfPathway: false,
      outOfPathwayOverrunCents: 0,
      pathwayAmoRateBp: null,
      unitPriceLimitCents: null,
      ear: null,
      paidEurCents: null,
    };
    const claim = (careDate: string) => ({
      householdId: home.id,
      beneficiaryId: member!.id,
      careDate,
      amountCents: 6000,
    });
    const deps = { db, guarantees: cast.server.services.guarantees };
    const after = await proposeClaimAmount(deps, claim(`${year}-03-15`), gp);
    expect(after?.amcCents ?? 0).toBe(0);
    expect(JSON.stringify(after)).toContain("Soin postérieur à la fin du contrat");
    expect((await proposeClaimAmount(deps, claim(`${year}-03-14`), gp))?.amcCents).toBeGreaterThan(0);

    // A change of level on an ended contract is refused (409, in French), nothing changes.
    const [late] = await db
      .insert(memberRequest)
      .values({
        reference: `NIV-${thisYear}-PREMIUMS`,
        householdId: home.id,
        kind: "level_change",
        subject: "Passage au niveau Essentielle",
        amountCents: 9000,
        details: {
          fromLevel: "Équilibre",
          toLevel: "essentielle",
          toLabel: "Essentielle",
          effectiveDate: `${thisYear}-06-01`,
          monthlyCents: 9000,
        },
      })
      .returning({ id: memberRequest.id });
    await db.insert(requestEvent).values({ requestId: late!.id, status: "submitted", note: null });
    const refused = await cast.gestionnaire.post(`/back-office/demandes/${late!.id}`, {
      intent: "accept_level_change",
    });
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain(`Ce contrat prend fin le 14/03/${year} : son niveau ne peut plus changer`);
    expect((await homeOf(demo.claire.number)).pendingLevelFrom).toBeNull();
  });
});

describe("an online adhesion, accepted after the tariffs changed", () => {
  it("is charged the price signed, and its échéancier's first debit is the welcome e-mail's", async () => {
    const { db, tariffs, brand } = cast.server.services;
    const email = "camille.prix-signe@example.com";
    const client = new TestClient(cast.server.baseUrl);
    await signJourney(client, cast.server.dataDir, email);
    const [journey] = await db.select().from(affiliationJourney).where(eq(affiliationJourney.email, email));
    const signedCents = (journey!.signedDocument as { level: { monthlyCents: number } }).level.monthlyCents;

    // The tariffs change between the signature and the acceptance: 10,00 € more per person and month.
    const equilibre = tariffs.find((t) => t.level === "equilibre")!;
    const saved = structuredClone(equilibre.versions);
    for (const version of equilibre.versions)
      for (const band of version.ageBands)
        for (const zone of Object.keys(band.monthlyCents)) band.monthlyCents[zone]! += 1000;
    try {
      const accepted = await cast.gestionnaire.post(`/back-office/adhesions/${journey!.id}`, { intent: "accepter" });
      expect(accepted.status).toBe(302);
    } finally {
      equilibre.versions.splice(0, equilibre.versions.length, ...saved);
    }
    const [done] = await db.select().from(affiliationJourney).where(eq(affiliationJourney.id, journey!.id));
    const [home] = await db.select().from(household).where(eq(household.id, done!.householdId!));
    // The contract signed binds: its price, not the tariffs' new one.
    expect(home!.premiumMonthlyCents).toBe(signedCents);
    const welcome = lastMailTo(cast.server.dataDir, email);
    expect(welcome.text.replace(/\s/g, " ")).toContain(`(${euros(signedCents)} par mois)`);
    const [audit] = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, "backoffice.affiliation_accepted"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.details).toMatchObject({ monthlyCents: signedCents, tariffNowCents: expect.any(Number) });
    expect((audit!.details as { tariffNowCents: number }).tariffNowCents).not.toBe(signedCents);

    // The welcome e-mail's first debit is the échéancier's (the same function, from the acceptance day).
    const announced = /le (\d{2}\/\d{2}\/\d{4}) : ([^\n(]+?)(?: \(\d+ mois\))?\n/.exec(welcome.text)!;
    const viewer = memberViewer(home!.id);
    const startYear = Number(journeyStart.slice(0, 4));
    const debitDay = brand.amc.debitDay;
    const schedule = (await yearSchedule(db, viewer, { year: startYear, debitDay, today: journeyStart }))!.debits;
    expect(formatDate(schedule[0]!.date)).toBe(announced[1]);
    expect(euros(schedule[0]!.amountCents)).toBe(announced[2]!.replace(/\s/g, " "));

    // Accepted nine days before the start (debit day 5: the start month's debit is 13 days away, under the 14 of
    // the pre-notification): the first debit is the next month's, paying both months, in the échéancier as in
    // the welcome e-mail's schedule (start 01/02, accepted 23/01 → 05/03 for February and March).
    const acceptedOn = addDays(journeyStart, -9);
    await db
      .update(affiliationJourney)
      .set({ decidedAt: new Date(`${acceptedOn}T10:00:00Z`) })
      .where(eq(affiliationJourney.id, journey!.id));
    const next = addMonths(journeyStart, 1);
    const nextYear = Number(next.slice(0, 4));
    const found = (await yearSchedule(db, viewer, { year: nextYear, debitDay, today: next }))!;
    const caughtUp = found.debits;
    // The échéancier (page and PDF: the same text) says which months that debit pays.
    expect(
      premiumScheduleDocument(found.facts, { brandName: "", year: nextYear, debits: caughtUp, creditorId: "" }).note,
    ).toContain(`Le prélèvement du ${formatDate(caughtUp[0]!.date)} paie 2 mois`);
    const mailed = firstDebits({
      startDate: journeyStart,
      notifiedOn: acceptedOn,
      monthlyCents: signedCents,
      debitDay,
    });
    expect(caughtUp[0]).toEqual({
      date: `${next.slice(0, 8)}${String(debitDay).padStart(2, "0")}`,
      amountCents: 2 * signedCents,
      months: [journeyStart.slice(0, 7), next.slice(0, 7)],
    });
    expect(caughtUp.slice(0, 3)).toEqual(mailed);
  });
});
