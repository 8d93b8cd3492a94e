// The transactional mail outbox against a real SMTP server started here (smtp-server): the step-up code leaves
// at once through its outbox row; the RIB-change alert is written with the change, stays pending while SMTP
// is down or refuses, and is delivered exactly once by the job runner when SMTP takes it again.
import { eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppJobRunner } from "../../app/jobs.server.ts";
import { mailOutbox } from "../../app/modules/jobs/schema.ts";
import { demo, TestClient } from "../support/http-client.ts";
import { startTestSmtp, type TestSmtp } from "../support/smtp.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let smtp: TestSmtp;
let server: TestServer;
beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ env: { SMTP_URL: smtp.url, BANK_CHANGE_HOLD_HOURS: "48" } });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const db = () => server.services.db;
const alertSubject = "Alerte sécurité : vos coordonnées bancaires ont été modifiées";
const alertsReceived = () => smtp.received.filter((m) => m.subject === alertSubject);
const alertRows = () => db().select().from(mailOutbox).where(eq(mailOutbox.subject, alertSubject));
/** Time passing, for the back-off: the pending rows become due now. */
const backOffOver = () =>
  db()
    .update(mailOutbox)
    .set({ nextAttemptAt: sql`now()` })
    .where(eq(mailOutbox.status, "pending"));

describe("mail outbox with a real SMTP server", () => {
  it("sends the step-up code at once, through its outbox row", async () => {
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    expect((await benoit.post("/mon-compte/verification", { password: demo.benoit.password })).status).toBe(302);
    // No job runner ran: the mail left during the request.
    const mail = smtp.received.findLast((m) => m.rcptTo.includes(demo.benoit.email));
    const code = /code de confirmation : (\d{6})/.exec(mail?.subject ?? "")?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await db()
      .select()
      .from(mailOutbox)
      .where(like(mailOutbox.subject, `%${code}%`));
    expect(row).toMatchObject({ status: "sent", attempts: 1, to: demo.benoit.email });
    expect((await benoit.post("/mon-compte/verification", { intent: "email-code", code: code! })).status).toBe(302);

    // SMTP down: the RIB change is accepted; its alert waits in the outbox, never dropped.
    await smtp.stop();
    const res = await benoit.post("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat", {
      iban: "FR7630006000011234567890189",
      holderName: "Benoit Brouez",
    });
    expect(res.status).toBe(302);
    let rows = await alertRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", attempts: 1, to: demo.benoit.email });
    expect(rows[0]!.lastError).toMatch(/^Error/);
    expect(alertsReceived()).toHaveLength(0);

    // A change that does not commit (a second pending change for the same account) writes no mail.
    const refused = await benoit.post("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat", {
      iban: "FR7630006000011234567890189",
      holderName: "Benoit Brouez",
    });
    expect(refused.status).toBe(409);
    expect(await alertRows()).toHaveLength(1);

    // SMTP back, but refusing (451): still pending, the attempt counted.
    await smtp.start();
    smtp.mode = "refuse";
    const a = createAppJobRunner(server.services, { workerId: "server-a" });
    const b = createAppJobRunner(server.services, { workerId: "server-b" });
    await backOffOver();
    await a.runOnce();
    rows = await alertRows();
    expect(rows[0]).toMatchObject({ status: "pending", attempts: 2 });
    expect(rows[0]!.nextAttemptAt.getTime()).toBeGreaterThan(Date.parse(String(rows[0]!.createdAt)));
    expect(alertsReceived()).toHaveLength(0);
    // Before its back-off is over, nobody tries it again.
    await a.runOnce();
    expect((await alertRows())[0]!.attempts).toBe(2);

    // SMTP accepts: two servers' runners compete, the alert arrives once.
    smtp.mode = "accept";
    await backOffOver();
    await Promise.all([a.runOnce(), b.runOnce()]);
    await Promise.all([a.runOnce(), b.runOnce()]);
    rows = await alertRows();
    expect(rows[0]).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(alertsReceived()).toHaveLength(1);
    expect(alertsReceived()[0]!.rcptTo).toEqual([demo.benoit.email]);
    expect(alertsReceived()[0]!.text).toContain("FR76 **** **** **** **** **** 189");
  });

  it("tries again a mail whose server died while sending it (lease over)", async () => {
    const id = await server.services.mailer.enqueue(db(), {
      to: "lease@example.net",
      subject: "Bail expiré",
      text: "Texte",
    });
    // As if a server had claimed it and been killed before SMTP answered.
    await db()
      .update(mailOutbox)
      .set({ status: "sending", attempts: 1, lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(mailOutbox.id, id));
    await createAppJobRunner(server.services).runOnce();
    const [row] = await db().select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(smtp.received.filter((m) => m.subject === "Bail expiré")).toHaveLength(1);
  });
});
