// Key rotation reaches the online adhesions (issue 21): `npm run banking:rotate-key` re-encrypts the journeys'
// NIRs and IBANs (bound to the journey) and the NIRs carried onto people (bound to the person) under the new
// first key of IBAN_ENCRYPTION_KEYS, values unchanged, and a second run has nothing left to do.
import { randomBytes } from "node:crypto";
import { eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptIban, parseKeyRing } from "../../app/modules/banking/iban-crypto.server.ts";
import { person } from "../../app/modules/households/schema.ts";
import type { Stored } from "../../app/modules/offer/journey.server.ts";
import { reencryptJourneys, reencryptPersonNirs } from "../../app/modules/offer/rotate-key.server.ts";
import { affiliationJourney } from "../../app/modules/offer/schema.ts";
import { journeyNir, signJourney } from "../support/adhesion-journey.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { demo, TestClient } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const oldKey = `kx2026:${randomBytes(32).toString("base64")}`;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { IBAN_ENCRYPTION_KEYS: oldKey } });
}, 120_000);
afterAll(() => server.close());

/** Every encrypted value of a journey, with what it is bound to. */
function encryptedOf(row: { id: string; data: unknown }): string[] {
  const data = row.data as Stored;
  return [
    data.identity?.nirEncrypted,
    ...(data.beneficiaries ?? []).map((b) => b.nirEncrypted),
    data.bank?.debitIbanEncrypted,
    data.bank?.refundIbanEncrypted,
  ].filter((v): v is string => typeof v === "string");
}

describe("rotating the banking key", () => {
  it("re-encrypts the journeys' NIRs and IBANs and the people's NIRs, values unchanged", async () => {
    const { db } = server.services;
    // A journey being filled (identity only), one signed, one accepted (its people carry their NIRs).
    await new TestClient(server.baseUrl).post("/offre/adherer", {
      intent: "identite",
      email: "rotation.debut@example.com",
      firstName: "Camille",
      lastName: "Durand",
      birthDate: "02/09/1984",
      nir: journeyNir,
    });
    for (const email of ["rotation.signee@example.com", "rotation.acceptee@example.com"]) {
      const client = new TestClient(server.baseUrl);
      await signJourney(client, server.dataDir, email);
    }
    const [accepted] = await db
      .select()
      .from(affiliationJourney)
      .where(eq(affiliationJourney.email, "rotation.acceptee@example.com"));
    const manager = new TestClient(server.baseUrl);
    await signInAdvisor(manager, server.dataDir, demo.manager);
    await manager.post(`/back-office/adhesions/${accepted!.id}`, { intent: "accepter" });

    const journeys = async () =>
      db.select({ id: affiliationJourney.id, data: affiliationJourney.data }).from(affiliationJourney);
    const nirs = async () =>
      db
        .select({ id: person.id, nirEncrypted: person.nirEncrypted })
        .from(person)
        .where(isNotNull(person.nirEncrypted));
    const old = parseKeyRing(oldKey);
    const before = await journeys();
    const beforeNirs = await nirs();
    expect(before).toHaveLength(3);
    expect(beforeNirs).toHaveLength(2); // the subscriber and the spouse (the child is attached to a parent's number)
    const values = before.flatMap((r) => encryptedOf(r));
    expect(values).toHaveLength(1 + 2 * 4);
    expect([...values, ...beforeNirs.map((p) => p.nirEncrypted!)].every((v) => v.startsWith("v1.kx2026."))).toBe(true);
    const clear = (ring: typeof old, rows: Awaited<ReturnType<typeof journeys>>) =>
      rows.flatMap((r) => encryptedOf(r).map((v) => decryptIban(ring, v, r.id))).sort();
    const clearNirs = (ring: typeof old, rows: Awaited<ReturnType<typeof nirs>>) =>
      rows.map((p) => decryptIban(ring, p.nirEncrypted!, p.id)).sort();

    const fresh = `k_2027:${randomBytes(32).toString("base64")}`;
    const rotated = parseKeyRing(`${fresh},${oldKey}`);
    expect(await reencryptJourneys(db, rotated, 2)).toEqual({ reencrypted: 3, left: 0 });
    expect(await reencryptPersonNirs(db, rotated, 1)).toEqual({ reencrypted: 2, left: 0 });

    const after = await journeys();
    const afterNirs = await nirs();
    const newOnly = parseKeyRing(fresh);
    const everything = [...after.flatMap((r) => encryptedOf(r)), ...afterNirs.map((p) => p.nirEncrypted!)];
    expect(everything.every((v) => v.startsWith("v1.k_2027."))).toBe(true);
    expect(clear(newOnly, after)).toEqual(clear(old, before));
    expect(clearNirs(newOnly, afterNirs)).toEqual(clearNirs(old, beforeNirs));
    expect(clear(newOnly, after)).toContain("184096912345657");
    // Nothing else in the journeys changed, and a second run has nothing to do.
    const strip = (rows: Awaited<ReturnType<typeof journeys>>) =>
      rows.map((r) => JSON.stringify(r.data).replace(/v1\.[^"]+/g, "…")).sort();
    expect(strip(after)).toEqual(strip(before));
    expect(await reencryptJourneys(db, rotated)).toEqual({ reencrypted: 0, left: 0 });
    expect(await reencryptPersonNirs(db, rotated)).toEqual({ reencrypted: 0, left: 0 });
  });
});
