// The access matrix for carers: exactly the pages of the scopes granted, and the session's end at revocation
// or at the grant's end date.
import { eq } from "drizzle-orm";
import { scopesFor } from "../../app/modules/accounts/scopes.ts";
import { carerGrant } from "../../app/modules/carers/schema.ts";
import { user } from "../../app/modules/accounts/schema.ts";
import { demo } from "../support/http-client.ts";
import { signInCarer } from "../support/people-access.ts";
import { describe, expect } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";
import { addressOf, expectedFor, isSignIn, passesGuard, test } from "../support/access-matrix.ts";

describe("access matrix: carers", () => {
  const endsOn = "2100-01-01";
  /** Camille, a carer of Benoit's space with "read", signed in with her space chosen. */
  const camilleReading = (server: TestServer) =>
    signInCarer(server.services.db, server.baseUrl, {
      memberNumber: demo.benoit.number,
      grantorFirstName: "Benoit",
      email: "camille@example.com",
      scopes: ["read"],
      endsOn,
    });
  for (const scopes of [["read"], ["file"], ["messages"]] as const) {
    test(`gives a carer with "${scopes.join(", ")}" exactly those pages, 404 on every other`, async ({
      server,
      claire,
    }) => {
      const { client } = await signInCarer(server.services.db, server.baseUrl, {
        memberNumber: demo.benoit.number,
        grantorFirstName: "Benoit",
        email: "camille@example.com",
        scopes: [...scopes],
        endsOn,
      });
      const { open, closed } = expectedFor(scopesFor("carer", scopes));
      const wrong: string[] = [];
      for (const pattern of closed) {
        const res = await client.get(addressOf(claire, pattern));
        if (res.status !== 404) wrong.push(`${pattern}: ${res.status}`);
      }
      for (const pattern of open.filter((p) => !p.includes(":"))) {
        const res = await client.get(addressOf(claire, pattern));
        if (!passesGuard(res)) wrong.push(`${pattern}: ${res.status}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  test("ends a carer's session at once when the member revokes, and when the end date has passed", async ({
    server,
    member,
  }) => {
    const db = server.services.db;
    const { client, grantId } = await camilleReading(server);
    expect((await client.get("/remboursements")).status).toBe(200);
    const revoked = await member.post("/mon-compte/aidants", { intent: "revoke", grantId });
    expect(revoked.status).toBe(302);
    expect(isSignIn(await client.get("/remboursements"))).toBe(true);

    const again = await camilleReading(server);
    expect((await again.client.get("/remboursements")).status).toBe(200);
    await db.update(carerGrant).set({ endsOn: "2000-01-01" }).where(eq(carerGrant.id, again.grantId));
    expect(isSignIn(await again.client.get("/remboursements"))).toBe(true);
  });

  test("sends a carer without a second factor to enrol it first", async ({ server }) => {
    const db = server.services.db;
    const { client, carerUserId } = await camilleReading(server);
    await db.update(user).set({ twoFactorEnabled: false }).where(eq(user.id, carerUserId));
    const res = await client.get("/remboursements");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/mon-compte/double-authentification");
  });
});
