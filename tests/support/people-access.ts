// Logins for the other people of a member's space, made straight in the database for the access tests: a
// beneficiary's own login (as activation leaves it) and a carer's grant (as acceptance leaves it). The flows
// that make them through the pages are tested in tests/integration/people-*.test.ts.
import { and, eq, sql } from "drizzle-orm";
import { session, user } from "../../app/modules/accounts/schema.ts";
import { createCredentialUser } from "../../app/modules/accounts/users.server.ts";
import { carerGrant, carerSession } from "../../app/modules/carers/schema.ts";
import type { Db } from "../../app/modules/db/client.server.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { TestClient } from "./http-client.ts";
import type { TestServer } from "./test-server.ts";

export const peoplePassword = "une phrase de passe pour les tests";

/** The person `firstName` of the household `memberNumber`. */
export async function personOf(db: Db, memberNumber: string, firstName: string) {
  const [row] = await db
    .select({ id: person.id, householdId: person.householdId, userId: person.userId })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .where(and(eq(household.memberNumber, memberNumber), eq(person.firstName, firstName)));
  if (!row) throw new Error(`no ${firstName} in ${memberNumber}`);
  return row;
}

/** Gives a beneficiary their own login (idempotent) and returns a client signed in with it. */
export async function signInBeneficiary(
  db: Db,
  baseUrl: string,
  memberNumber: string,
  firstName: string,
  email: string,
) {
  const p = await personOf(db, memberNumber, firstName);
  if (!p.userId) {
    const id = await createCredentialUser(db, { name: firstName, email, role: "member" }, peoplePassword);
    await db.update(person).set({ userId: id }).where(eq(person.id, p.id));
  }
  const client = new TestClient(baseUrl);
  const res = await client.signIn(email, peoplePassword);
  if (res.status !== 302) throw new Error(`sign-in of ${email}: ${res.status}`);
  return client;
}

/**
 * A carer (a login with no contract) with a grant on `grantorFirstName`'s space, signed in, with the space
 * chosen and a second factor on record. Returns the client and the grant's id.
 */
export async function signInCarer(
  db: Db,
  baseUrl: string,
  opts: { memberNumber: string; grantorFirstName: string; email: string; scopes: string[]; endsOn: string },
) {
  const grantor = await personOf(db, opts.memberNumber, opts.grantorFirstName);
  let [carer] = await db.select({ id: user.id }).from(user).where(eq(user.email, opts.email));
  if (!carer) {
    const id = await createCredentialUser(
      db,
      { name: "Camille Durand", email: opts.email, role: "member" },
      peoplePassword,
    );
    carer = { id };
  }
  const [grant] = await db
    .insert(carerGrant)
    .values({
      householdId: grantor.householdId,
      grantorPersonId: grantor.id,
      carerEmail: opts.email,
      carerName: "Camille Durand",
      carerUserId: carer.id,
      scopes: opts.scopes,
      endsOn: opts.endsOn,
      createdByUserId: grantor.userId ?? "test",
    })
    .returning({ id: carerGrant.id });
  await db.update(user).set({ twoFactorEnabled: false }).where(eq(user.id, carer.id));
  const before = new Set(
    (await db.select({ id: session.id }).from(session).where(eq(session.userId, carer.id))).map((s) => s.id),
  );
  const client = new TestClient(baseUrl);
  const res = await client.signIn(opts.email, peoplePassword);
  if (res.status !== 302) throw new Error(`sign-in of ${opts.email}: ${res.status}`);
  // The second factor, as if enrolled after this sign-in (the session stays), and the chosen space.
  await db.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, carer.id));
  const sessions = await db.select({ id: session.id }).from(session).where(eq(session.userId, carer.id));
  for (const s of sessions.filter((row) => !before.has(row.id))) {
    await db.insert(carerSession).values({ sessionId: s.id, grantId: grant!.id }).onConflictDoNothing();
  }
  return { client, grantId: grant!.id, carerUserId: carer.id };
}

/**
 * A database that refuses any mail to one address (a trigger on the outbox): the failure comes after the rows a
 * change writes before its mail, inside the same transaction.
 */
export const failingAddress = "panne@example.com";
export async function refuseMailTo(server: TestServer, address: string) {
  const db = server.services.db;
  await db.execute(
    sql.raw(`create or replace function refuse_test_mail() returns trigger language plpgsql as $$
      begin
        if new."to" = '${address}' then raise exception 'outbox refused'; end if;
        return new;
      end $$`),
  );
  await db.execute(sql.raw("drop trigger if exists refuse_test_mail on mail_outbox"));
  await db.execute(
    sql.raw(
      "create trigger refuse_test_mail before insert on mail_outbox for each row execute function refuse_test_mail()",
    ),
  );
}

export const codeIn = (text: string) => /code : (\d{6})/.exec(text)?.[1] ?? "";
export const tokenIn = (text: string) => /jeton=([A-Za-z0-9_%-]+)/.exec(text)?.[1] ?? "";
