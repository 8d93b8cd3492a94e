// The events issue 23 wired last, each through the member's preferences (e-mail, push on their devices, both,
// or nothing) and delivered for real: e-mails through the outbox (.eml files), push notifications through the
// job runner to a real push service (web-push-testing). A sign-in from a new device (a security alert: its
// e-mail cannot be turned off), the payments an import from the core system adds (a reimbursement paid), and a
// document that became available. Each is sent once, whatever retries happen.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppJobRunner } from "../../app/jobs.server.ts";
import { user } from "../../app/modules/accounts/schema.ts";
import { announceNewDocuments } from "../../app/modules/documents/announce.server.ts";
import { addDays } from "../../app/modules/clock/calendar.ts";
import { job } from "../../app/modules/jobs/schema.ts";
import { notificationPreference } from "../../app/modules/notifications/schema.ts";
import { announceImportedPayments } from "../../app/modules/reimbursements/payment-notices.server.ts";
import { today, thisYear } from "../support/clock.ts";
import { demo, TestClient } from "../support/http-client.ts";
import { mailsTo } from "../support/outbox.ts";
import { startPushService, type TestPushService } from "../support/push-service.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const token = "core-system-token-0123456789abcdef-xyz";
const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

let pushService: TestPushService;
let server: TestServer;
let benoit: TestClient;
let device: Awaited<ReturnType<TestPushService["subscribe"]>>;

const subjects = (email: string, subject: string) =>
  mailsTo(server.dataDir, email).filter((m) => m.subject === subject);

async function pushesReceived(): Promise<{ title: string; body: string; url: string }[]> {
  return (await pushService.messages(device.clientHash)).map((m) => JSON.parse(m) as never);
}

/** Job-runner rounds until `check` holds. */
async function runJobsUntil(check: () => Promise<boolean>) {
  const runner = createAppJobRunner(server.services, { workerId: "events-test" });
  for (let round = 0; round < 50; round++) {
    await runner.runOnce();
    if (await check()) return;
  }
  throw new Error("condition not reached after 50 job rounds");
}

beforeAll(async () => {
  pushService = await startPushService();
  server = await startTestServer({
    env: { PUSH_SERVICE_ORIGINS: pushService.origin, IMPORT_API_TOKEN: token },
  });
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
  device = await pushService.subscribe(server.services.push.publicKey);
  const added = await benoit.post("/mon-compte/preferences", {
    intent: "appareil-ajouter",
    endpoint: device.endpoint,
    ...device.keys,
  });
  const saved = await benoit.post("/mon-compte/preferences", {
    payment_received: "email_push",
    request_status: "email",
    missing_document: "email",
    new_message: "email",
    new_document: "push",
    bank_change: "email",
    new_device_sign_in: "email_push",
    paperless: "non",
  });
  if (added.status !== 302 || saved.status !== 302) throw new Error("the device or the preferences were refused");
});
afterAll(async () => {
  await server?.close();
  await pushService?.stop();
});

describe("sign-in from a new device", () => {
  const subject = "Connexion depuis un nouvel appareil";

  it("records an account's first device without an alert", async () => {
    expect(subjects(demo.benoit.email, subject)).toHaveLength(0);
    // Claire has not signed in yet: her first browser, no alert either; her second one, an alert.
    await new TestClient(server.baseUrl).asNewDevice().signIn(demo.claire.number, demo.claire.password);
    expect(subjects(demo.claire.email, subject)).toHaveLength(0);
    await new TestClient(server.baseUrl).asNewDevice().signIn(demo.claire.number, demo.claire.password);
    expect(subjects(demo.claire.email, subject)).toHaveLength(1);
  });

  it("alerts by e-mail and on the devices chosen, once per new browser", async () => {
    const other = new TestClient(server.baseUrl).asNewDevice();
    const response = await other.post(
      "/connexion",
      {
        identifier: demo.benoit.number,
        password: demo.benoit.password,
      },
      { "user-agent": firefox },
    );
    expect(response.status).toBe(302);
    expect(response.headers.getSetCookie().some((c) => /espace\.appareil=[\w-]{43};.*HttpOnly/.test(c))).toBe(true);
    const alerts = subjects(demo.benoit.email, subject);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain("depuis un appareil que nous ne connaissions pas (Firefox sur Windows)");
    expect(alerts[0]!.text).toContain("/mon-compte/mot-de-passe");
    await runJobsUntil(async () => (await pushesReceived()).some((p) => p.title === subject));
    expect((await pushesReceived()).find((p) => p.title === subject)).toMatchObject({
      body: expect.stringMatching(/^Firefox sur Windows, le \d\d\/\d\d\/\d{4} à \d\d:\d\d\. Si ce n'est pas vous/),
      url: "/mon-compte",
    });

    // The same browsers again: known, no alert.
    await other.post("/deconnexion", {});
    await other.signIn(demo.benoit.number, demo.benoit.password);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    expect(subjects(demo.benoit.email, subject)).toHaveLength(1);
  });

  it("keeps the e-mail of the alert even when the stored choice says otherwise", async () => {
    const [account] = await server.services.db
      .select({ id: user.id })
      .from(user)
      .where(eq(user.email, demo.benoit.email));
    await server.services.db
      .update(notificationPreference)
      .set({ channels: { new_device_sign_in: "none" } })
      .where(eq(notificationPreference.userId, account!.id));
    await new TestClient(server.baseUrl).asNewDevice().signIn(demo.benoit.number, demo.benoit.password);
    expect(subjects(demo.benoit.email, subject)).toHaveLength(2);
    // Back to the test's choices.
    await benoit.post("/mon-compte/preferences", {
      payment_received: "email_push",
      request_status: "email",
      missing_document: "email",
      new_message: "email",
      new_document: "push",
      bank_change: "email",
      new_device_sign_in: "email_push",
      paperless: "non",
    });
  });
});

describe("payments imported from the core system", () => {
  const subject = "Un remboursement vous a été versé";
  const header =
    "line_id,member_number,beneficiary_ref,care_type,care_date,payment_date,professional,charged_cents,base_cents,amo_rate_bp,amo_deductible_cents,amo_cents,amc_cents,guarantee_label,paid_to";
  const careDate = addDays(today, -5);
  const paymentDate = addDays(today, -2);
  const file =
    `${header}\n` +
    `EVT-PAY-1,10000001,10000001-01,pharmacie,${careDate},${paymentDate},,1000,1000,6500,,650,350,,member\n` +
    `EVT-PAY-2,10000001,10000001-01,pharmacie,${careDate},${paymentDate},,2000,2000,6500,,1300,700,,member\n` +
    `EVT-PAY-3,10000002,10000002-01,pharmacie,${careDate},${paymentDate},,1000,1000,6500,,650,350,,professional\n`;
  const post = () =>
    fetch(`${server.baseUrl}/api/v1/decomptes`, {
      method: "POST",
      body: file,
      headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
    });

  it("tells the member paid, once per import, by e-mail and push, and nobody for a tiers payant line", async () => {
    const claireBefore = subjects(demo.claire.email, subject).length;
    expect((await post()).status).toBe(200);
    await runJobsUntil(() => Promise.resolve(subjects(demo.benoit.email, subject).length > 0));
    await runJobsUntil(async () => (await pushesReceived()).some((p) => p.title === subject));
    const [mail] = subjects(demo.benoit.email, subject);
    expect(mail!.text).toContain("Un remboursement de votre mutuelle vient de vous être versé.");
    expect(mail!.text).not.toMatch(/pharmacie|10,00|20,00/i);
    expect((await pushesReceived()).find((p) => p.title === subject)).toEqual({
      title: subject,
      body: "Le détail est dans votre espace adhérent.",
      url: "/remboursements",
    });
    expect(subjects(demo.benoit.email, subject)).toHaveLength(1); // two lines, one notice
    expect(subjects(demo.claire.email, subject)).toHaveLength(claireBefore);

    // The job again (a retry): nothing more. The same file again: its lines are unchanged, no job, no notice.
    const [run] = await server.services.db.select().from(job).where(eq(job.name, "reimbursements.announce_payments"));
    await announceImportedPayments(server.services, String(run!.payload.since));
    expect((await post()).status).toBe(200);
    await createAppJobRunner(server.services, { workerId: "events-test" }).runOnce();
    expect(subjects(demo.benoit.email, subject)).toHaveLength(1);
    expect((await pushesReceived()).filter((p) => p.title === subject)).toHaveLength(1);
  });
});

describe("a new document available", () => {
  const subject = "Un nouveau document est disponible";
  const cardDay = `${thisYear}-12-16`; // the demo brand offers next year's card from 15 December

  it("is announced once, push only for the member who chose it, e-mail for the one who did not choose", async () => {
    const result = await announceNewDocuments(server.services, cardDay);
    expect(result.notified).toBeGreaterThanOrEqual(2);
    expect(subjects(demo.benoit.email, subject)).toHaveLength(0);
    // Found by what it announces: on 1 January the scheduled run also announces last year's attestation.
    const isCard = (p: { title: string; url?: string }) =>
      p.title === subject && (p.url ?? "").startsWith("/documents/carte-tiers-payant/");
    await runJobsUntil(async () => (await pushesReceived()).some(isCard));
    expect((await pushesReceived()).find(isCard)).toEqual({
      title: subject,
      body: `Votre carte de tiers payant ${thisYear + 1} est dans votre espace adhérent.`,
      url: `/documents/carte-tiers-payant/${thisYear + 1}`,
    });
    const mail = subjects(demo.claire.email, subject).find((m) => m.text.includes("carte de tiers payant"));
    expect(mail!.text).toContain(
      `Votre carte de tiers payant ${thisYear + 1} est disponible dans votre espace adhérent.`,
    );
    expect(mail!.text).toContain(`/documents/carte-tiers-payant/${thisYear + 1}`);

    // The next hour's run: already announced.
    await announceNewDocuments(server.services, addDays(cardDay, 1));
    expect(subjects(demo.claire.email, subject).filter((m) => m.text.includes("carte de tiers payant"))).toHaveLength(
      1,
    );
    expect(await announceNewDocuments(server.services, `${thisYear}-06-10`)).toEqual({ notified: 0 });
  });
});
