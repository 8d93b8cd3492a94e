// The people around a former member's space (docs/personal-data.md, ADR 0028): the carers and legal
// representatives of a household lose their access when the job closes it; a former member who is still a carer
// elsewhere keeps their login; after a résiliation, a beneficiary keeps their own access for the household's
// years. The tests share one server and run in order: the first leaves Benoit's contract running, the second
// ends it a month ago, the third moves it past the years.
import { and, eq, sql } from "drizzle-orm";
import { closeFormerMembersAccess } from "../../app/modules/accounts/former-members.server.ts";
import { user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { carerGrant } from "../../app/modules/carers/schema.ts";
import { addDays, addYears } from "../../app/modules/clock/calendar.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { today } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { peoplePassword, personOf, signInBeneficiary, signInCarer } from "../support/people-access.ts";
import { describe, expect, test } from "../support/fixtures.ts";

/** Sent to sign-in or to the carer's chooser: not the former member's page. */
const shutOut = (res: Response) => /^\/(connexion|mon-compte\/aidants)/.test(res.headers.get("location") ?? "");

describe("the people around a former member", () => {
  test("a former member still carer for another household keeps their login (only their own space closes), closed on the run after that access ends", async ({
    server,
  }) => {
    const { db } = server.services;
    const benoit = await personOf(db, demo.benoit.number, "Benoit");
    const [claire] = await db.select().from(user).where(eq(user.username, demo.claire.number));
    const [grant] = await db
      .insert(carerGrant)
      .values({
        householdId: benoit.householdId,
        grantorPersonId: benoit.id,
        carerEmail: demo.claire.email,
        carerName: "Claire Fontaine",
        carerUserId: claire!.id,
        scopes: ["read"],
        endsOn: "2100-01-01",
        createdByUserId: benoit.userId ?? "test",
      })
      .returning({ id: carerGrant.id });
    await db
      .update(household)
      .set({ coverageEnd: addDays(addYears(today, -3), -1) })
      .where(eq(household.memberNumber, demo.claire.number));
    await closeFormerMembersAccess(server.services, 3);

    const [kept] = await db.select().from(user).where(eq(user.id, claire!.id));
    expect(kept?.deactivatedAt).toBeNull();
    const client = new TestClient(server.baseUrl);
    expect((await client.signIn(demo.claire.number, demo.claire.password)).status).toBe(302);
    // Her own ended space no longer opens: the chooser does, with the space she acts in.
    const own = await client.get("/documents");
    expect(own.headers.get("location")).toMatch(/^\/mon-compte\/aidants/);
    const chooser = await client.get("/mon-compte/aidants");
    expect(chooser.status).toBe(200);
    expect(visibleText(await chooser.text())).toContain("Benoit");

    // The grant ends: the next run closes her login.
    await db.update(carerGrant).set({ revokedAt: new Date() }).where(eq(carerGrant.id, grant!.id));
    expect(await closeFormerMembersAccess(server.services, 3)).toBeGreaterThanOrEqual(1);
    const [closed] = await db.select().from(user).where(eq(user.id, claire!.id));
    expect(closed?.deactivatedAt).not.toBeNull();
  });

  test("after an accepted résiliation, a beneficiary with their own access keeps it for the household's years (ADR 0028), not only to the last covered day", async ({
    server,
  }) => {
    const { db } = server.services;
    const sarah = await signInBeneficiary(db, server.baseUrl, demo.benoit.number, "Sarah", "sarah@example.com");
    // What accept_termination leaves: the contract's and every person's last covered day, here a month ago.
    const end = addDays(today, -30);
    const benoit = await personOf(db, demo.benoit.number, "Benoit");
    await db.update(household).set({ coverageEnd: end }).where(eq(household.id, benoit.householdId));
    await db.update(person).set({ coverageEnd: end }).where(eq(person.householdId, benoit.householdId));
    expect((await sarah.get("/remboursements")).status).toBe(200);
    expect((await sarah.get("/documents")).status).toBe(200);
    const fresh = new TestClient(server.baseUrl);
    expect((await fresh.signIn("sarah@example.com", peoplePassword)).status).toBe(302);
    expect((await fresh.get("/remboursements")).status).toBe(200);
    // Removed a day before the contract's end: her own access ended with her cover.
    await db
      .update(person)
      .set({ coverageEnd: addDays(end, -1) })
      .where(and(eq(person.householdId, benoit.householdId), eq(person.firstName, "Sarah")));
    expect((await sarah.get("/remboursements")).headers.get("location")).toMatch(/^\/connexion/);
  });

  test("the job ends the carers' and legal representatives' access to the closed household, with their sessions, audited", async ({
    server,
  }) => {
    const { db } = server.services;
    const { client, grantId } = await signInCarer(db, server.baseUrl, {
      memberNumber: demo.benoit.number,
      grantorFirstName: "Benoit",
      email: "camille@example.com",
      scopes: ["read"],
      endsOn: "2100-01-01",
    });
    const benoit = await personOf(db, demo.benoit.number, "Benoit");
    const [legal] = await db
      .insert(carerGrant)
      .values({
        householdId: benoit.householdId,
        grantorPersonId: benoit.id,
        carerEmail: "tuteur@example.com",
        carerName: "Tuteur Martin",
        scopes: ["read", "file", "messages"],
        endsOn: "2100-01-01",
        createdByUserId: "test",
        kind: "legal_representative",
        measure: "tutelle",
      })
      .returning({ id: carerGrant.id });
    expect((await client.get("/documents")).status).toBe(200);

    await db
      .update(household)
      .set({ coverageEnd: addDays(addYears(today, -3), -1) })
      .where(eq(household.memberNumber, demo.benoit.number));
    await closeFormerMembersAccess(server.services, 3);

    expect(shutOut(await client.get("/documents"))).toBe(true);
    const grants = await db.select().from(carerGrant).where(eq(carerGrant.householdId, benoit.householdId));
    expect(grants.filter((g) => g.revokedAt === null)).toEqual([]);
    for (const [id, legalRepresentative] of [
      [grantId, undefined],
      [legal!.id, true],
    ] as const) {
      const [audit] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "carer.revoked"), sql`${auditLog.details}->>'grantId' = ${id}`));
      expect(audit?.details).toMatchObject({ reason: "former_member_closed", grantId: id });
      expect((audit!.details as { legalRepresentative?: boolean }).legalRepresentative).toBe(legalRepresentative);
    }
    // A fresh sign-in of the carer does not reach the space either.
    const again = new TestClient(server.baseUrl);
    expect((await again.signIn("camille@example.com", peoplePassword)).status).toBe(302);
    expect(shutOut(await again.get("/documents"))).toBe(true);
  });
});
