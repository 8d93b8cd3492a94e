// Web Push end to end (issue 23) against a real push service (web-push-testing, started here): the member
// adds a device with the subscription a browser's push service gives, chooses push for an event, the event's
// notification is written to the push outbox and the job runner delivers it, signed with the server's VAPID
// key and encrypted for the device; the service decrypts what arrived. A device the service no longer knows
// (410) is removed; with no device left, a push choice falls back to e-mail. Devices are removed by their
// form and on sign-out of their session; endpoints outside the accepted push services are refused.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppJobRunner } from "../../app/jobs.server.ts";
import { user } from "../../app/modules/accounts/schema.ts";
import { messageThread } from "../../app/modules/messaging/schema.ts";
import { pushOutbox, pushSubscription } from "../../app/modules/notifications/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { mailsTo } from "../support/outbox.ts";
import { freePort, startPushService, type TestPushService } from "../support/push-service.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const android =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

const choices = {
  payment_received: "email",
  request_status: "email",
  missing_document: "email",
  new_message: "push",
  new_document: "email",
  bank_change: "email",
  new_device_sign_in: "email",
  paperless: "non",
};

let pushService: TestPushService;
let server: TestServer;
let benoit: TestClient;
let conseiller: TestClient;
let threadPath: string;
let downOrigin: string;

beforeAll(async () => {
  pushService = await startPushService();
  downOrigin = `http://localhost:${await freePort()}`;
  server = await startTestServer({ env: { PUSH_SERVICE_ORIGINS: `${pushService.origin},${downOrigin}` } });
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
  conseiller = new TestClient(server.baseUrl);
  await signInAdvisor(conseiller, server.dataDir);
  const [thread] = await server.services.db
    .select({ id: messageThread.id })
    .from(messageThread)
    .where(eq(messageThread.subject, "prelevement"));
  threadPath = `/back-office/messagerie/${thread!.id}`;
  await conseiller.post(threadPath, { intent: "prendre" });
});
afterAll(async () => {
  await server?.close();
  await pushService?.stop();
});

async function addDevice(client: TestClient) {
  const subscription = await pushService.subscribe(server.services.push.publicKey);
  const response = await client.post(
    "/mon-compte/preferences",
    { intent: "appareil-ajouter", endpoint: subscription.endpoint, ...subscription.keys },
    { "user-agent": android },
  );
  expect(response.status).toBe(302);
  return subscription;
}

async function reply(text: string) {
  expect((await conseiller.postMultipart(threadPath, { message: text }, [])).status).toBe(302);
}

/** Runs job-runner rounds until `check` holds (each round sends the due push notifications). */
async function runJobsUntil(check: () => Promise<boolean>) {
  const runner = createAppJobRunner(server.services, { workerId: "push-test" });
  for (let round = 0; round < 50; round++) {
    await runner.runOnce();
    if (await check()) return;
  }
  throw new Error("condition not reached after 50 job rounds");
}

async function devicesOfBenoit() {
  const [account] = await server.services.db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.email, demo.benoit.email));
  return server.services.db.select().from(pushSubscription).where(eq(pushSubscription.userId, account!.id));
}

describe("web push", () => {
  it("says what is possible without a device, and refuses a push service it does not know", async () => {
    const page = visibleText(await (await benoit.get("/mon-compte/preferences")).text());
    expect(page).toContain("Mes appareils");
    expect(page).toContain("avec JavaScript activé");
    expect(page).toContain("Aucun appareil ne reçoit vos notifications.");
    expect(page).not.toContain("Par notification sur mes appareils");
    const refused = await benoit.post("/mon-compte/preferences", {
      intent: "appareil-ajouter",
      endpoint: "https://push.attaquant.example/notify/abc",
      p256dh: "B".repeat(87),
      auth: "A".repeat(22),
    });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain(
      "Le service de notification de ce navigateur n'est pas accepté.",
    );
    expect(await devicesOfBenoit()).toHaveLength(0);
  });

  it("delivers a chosen event to the device, encrypted and signed, with no health detail", async () => {
    const device = await addDevice(benoit);
    const page = visibleText(await (await benoit.get("/mon-compte/preferences")).text());
    expect(page).toMatch(/Chrome sur Android ?, ajouté le \d\d\/\d\d\/\d{4} Retirer/);
    expect(page).toContain("Par notification sur mes appareils");
    expect((await benoit.post("/mon-compte/preferences", choices)).status).toBe(302);

    const newMessageMails = () =>
      mailsTo(server.dataDir, demo.benoit.email).filter((m) => m.subject === "Vous avez un nouveau message");
    const mailsBefore = newMessageMails().length;
    await reply("Votre prélèvement est corrigé.");
    await runJobsUntil(async () => (await pushService.messages(device.clientHash)).length > 0);
    const [message] = await pushService.messages(device.clientHash);
    const payload = JSON.parse(message!) as { title: string; body: string; url: string };
    expect(payload).toEqual({
      title: "Vous avez un nouveau message",
      body: "Un message vous attend dans votre messagerie.",
      url: threadPath.replace("/back-office", ""),
    });
    expect(message).not.toContain("prélèvement");
    expect(newMessageMails()).toHaveLength(mailsBefore);
    const [row] = await devicesOfBenoit();
    expect(row!.lastDeliveredAt).not.toBeNull();
  });

  it("removes a device its push service has dropped (410), then falls back to e-mail", async () => {
    const [device] = await devicesOfBenoit();
    const clientHash = device!.endpoint.split("/").at(-1)!;
    await pushService.expire(clientHash);
    await reply("Autre précision.");
    await runJobsUntil(async () => (await devicesOfBenoit()).length === 0);
    expect(await server.services.db.select().from(pushOutbox).where(eq(pushOutbox.subscriptionId, device!.id))).toEqual(
      [],
    );

    const mailsBefore = mailsTo(server.dataDir, demo.benoit.email).length;
    await reply("Encore une précision.");
    const after = mailsTo(server.dataDir, demo.benoit.email);
    expect(after).toHaveLength(mailsBefore + 1);
    expect(after.at(-1)!.subject).toBe("Vous avez un nouveau message");
  });

  it("keeps a notification the push service refused, and sends it on a later round", async () => {
    const device = await addDevice(benoit);
    // A push service that is down (nothing listens on its port): the notification stays pending.
    const [row] = await devicesOfBenoit();
    await server.services.db
      .update(pushSubscription)
      .set({ endpoint: `${downOrigin}/notify/${device.clientHash}` })
      .where(eq(pushSubscription.id, row!.id));
    await reply("Un message pendant la panne.");
    const runner = createAppJobRunner(server.services, {
      workerId: "push-test-down",
    });
    await runner.runOnce();
    const [pending] = await server.services.db.select().from(pushOutbox).where(eq(pushOutbox.subscriptionId, row!.id));
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });
    expect(pending!.lastError).toBeTruthy();
    // The service is back: the row is due again (its back-off moved to now) and leaves.
    await server.services.db
      .update(pushSubscription)
      .set({ endpoint: device.endpoint })
      .where(eq(pushSubscription.id, row!.id));
    await server.services.db
      .update(pushOutbox)
      .set({ nextAttemptAt: new Date(0) })
      .where(eq(pushOutbox.id, pending!.id));
    await runJobsUntil(async () => (await pushService.messages(device.clientHash)).length > 0);
    const [sent] = await server.services.db.select().from(pushOutbox).where(eq(pushOutbox.id, pending!.id));
    expect(sent).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("removes a device with its form (no script needed), and on sign-out of the session that added it", async () => {
    const [row] = await devicesOfBenoit();
    const page = await (await benoit.get("/mon-compte/preferences")).text();
    expect(page).toContain(`name="appareil" value="${row!.id}"`);
    expect(
      (await benoit.post("/mon-compte/preferences", { intent: "appareil-retirer", appareil: row!.id })).status,
    ).toBe(302);
    expect(await devicesOfBenoit()).toHaveLength(0);
    expect(
      (await benoit.post("/mon-compte/preferences", { intent: "appareil-retirer", appareil: row!.id })).status,
    ).toBe(404);

    await addDevice(benoit);
    const other = new TestClient(server.baseUrl);
    await other.signIn(demo.benoit.number, demo.benoit.password);
    await addDevice(other);
    expect(await devicesOfBenoit()).toHaveLength(2);
    expect((await other.post("/deconnexion", {})).status).toBe(302);
    expect(await devicesOfBenoit()).toHaveLength(1);
  });
});
