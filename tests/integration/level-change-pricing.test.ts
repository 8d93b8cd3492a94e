// A change of level takes effect on its date (issue 26, item 12: the level-change journey and the engine):
// accepted today for the 1st of a later month, it leaves care before that date priced on the level in force
// when the care was given, and prices care from that date on the new level. Amounts by hand on the demo
// tables: GP OPTAM, 60 € charged on a BR of 30: AMO 70 % × 30 = 21 − 2 € participation (L160-13 II CSS) =
// 19,00; Optimale 200 % BR y compris RO = 60 − 21 = 39,00; Essentielle 100 % BR = 30 − 21 = 9,00 (the
// ticket modérateur, R871-2 1° CSS).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proposeClaimAmount } from "../../app/modules/back-office/claim-proposal.server.ts";
import { addDays } from "../../app/modules/clock/calendar.ts";
import { getGuaranteeOverview } from "../../app/modules/guarantees/overview.server.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { detailsOf } from "../../app/modules/requests/details.ts";
import { applyDueLevelChanges } from "../../app/modules/offer/member-offer.server.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { startBackOfficeCast, type BackOfficeCast } from "../support/back-office-cast.ts";
import { today } from "../support/clock.ts";
import { demo } from "../support/http-client.ts";

let cast: BackOfficeCast;
beforeAll(async () => {
  cast = await startBackOfficeCast();
});
afterAll(() => cast.server.close());

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

describe("a change of level, accepted before it takes effect", () => {
  it("prices care before its date on the former level and care from its date on the new one", async () => {
    const sent = await cast.benoit.post("/offre/changer-de-niveau?niveau=essentielle", { niveau: "essentielle" });
    expect(sent.status).toBe(302);
    const reference = /demande=(NIV-\d{4}-[A-Z0-9]{8})/.exec(sent.headers.get("location") ?? "")![1]!;
    const { db } = cast.server.services;
    const [request] = await db.select().from(memberRequest).where(eq(memberRequest.reference, reference));
    const effective = detailsOf("level_change", request!.details).effectiveDate;
    expect(effective > today).toBe(true);
    const decided = await cast.gestionnaire.post(`/back-office/demandes/${request!.id}`, {
      intent: "accept_level_change",
    });
    expect(decided.status).toBe(302);

    // Accepted for its date: the contract keeps its level until then (the job contracts.level_changes applies it).
    const [home] = await db
      .select({ id: household.id, level: household.coverageLevel, pending: household.pendingCoverageLevel })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    expect(home).toMatchObject({ level: "Optimale", pending: "Essentielle" });
    const [sarah] = await db.select({ id: person.id }).from(person).where(eq(person.firstName, "Sarah"));
    const claim = (careDate: string) => ({
      householdId: home!.id,
      beneficiaryId: sarah!.id,
      careDate,
      amountCents: 6000,
    });
    const deps = { db, guarantees: cast.server.services.guarantees };

    const before = await proposeClaimAmount(deps, claim(addDays(effective, -1)), gp);
    expect(before?.amcCents).toBe(3900);
    expect(before?.steps.join(" ")).toContain("niveau Optimale");
    const from = await proposeClaimAmount(deps, claim(effective), gp);
    expect(from?.amcCents).toBe(900);
    expect(from?.steps.join(" ")).toContain("niveau Essentielle");

    // "Mes garanties" today shows the level in force today.
    const overview = await getGuaranteeOverview(
      db,
      cast.server.services.guarantees,
      { householdId: home!.id, onlyPersonId: null } as Parameters<typeof getGuaranteeOverview>[2],
      today,
    );
    expect(overview.levelLabel).toBe("Optimale");

    // On its date the job applies it and keeps the former level for the days before: still priced on Optimale.
    expect(await applyDueLevelChanges(db, effective)).toBe(1);
    const [applied] = await db
      .select({ level: household.coverageLevel, pending: household.pendingCoverageLevel })
      .from(household)
      .where(eq(household.id, home!.id));
    expect(applied).toEqual({ level: "Essentielle", pending: null });
    expect((await proposeClaimAmount(deps, claim(addDays(effective, -1)), gp))?.amcCents).toBe(3900);
    expect((await proposeClaimAmount(deps, claim(effective), gp))?.amcCents).toBe(900);
    expect(await applyDueLevelChanges(db, effective)).toBe(0);
  });
});
