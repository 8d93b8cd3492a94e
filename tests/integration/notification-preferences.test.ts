// Notification preferences and zéro papier (issue 23): per event, e-mail or nothing (security alerts locked
// on); the choice is honoured where mail is sent; the paperless choice is dated and shown to the back-office.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { user } from "../../app/modules/accounts/schema.ts";
import { messageThread } from "../../app/modules/messaging/schema.ts";
import { notificationPreference } from "../../app/modules/notifications/schema.ts";
import { type BackOfficeCast, startBackOfficeCast } from "../support/back-office-cast.ts";
import { demo, visibleText } from "../support/http-client.ts";
import { mailsTo } from "../support/outbox.ts";

let cast: BackOfficeCast;
beforeAll(async () => {
  cast = await startBackOfficeCast();
});
afterAll(() => cast.server.close());

const choices = {
  payment_received: "email",
  request_status: "email",
  missing_document: "email",
  new_message: "none",
  new_document: "email",
  paperless: "oui",
};

describe("notification preferences", () => {
  it("shows every event, the security alerts locked on, and refuses a choice it does not offer", async () => {
    const text = visibleText(await (await cast.benoit.get("/mon-compte/preferences")).text());
    expect(text).toContain("Vous avez un nouveau message Par e-mail Ne pas me prévenir");
    expect(text).toContain(
      "Vos coordonnées bancaires sont modifiées Toujours par e-mail : c'est une alerte de sécurité, elle ne peut pas être désactivée.",
    );
    expect(text).toContain("Connexion depuis un nouvel appareil Toujours par e-mail");
    const bad = await cast.benoit.post("/mon-compte/preferences", {
      ...choices,
      new_message: "pigeon",
      bank_change: "none",
    });
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("Choisissez comment être prévenu.");
    // Push is not offered until devices can subscribe.
    expect((await cast.benoit.post("/mon-compte/preferences", { ...choices, new_message: "push" })).status).toBe(400);
  });

  it("records the choices and the paperless date; a locked event cannot be turned off", async () => {
    const saved = await cast.benoit.post("/mon-compte/preferences", { ...choices, bank_change: "none" });
    expect(saved.status).toBe(302);
    const [account] = await cast.server.services.db
      .select({ id: user.id })
      .from(user)
      .where(eq(user.email, demo.benoit.email));
    const [row] = await cast.server.services.db
      .select()
      .from(notificationPreference)
      .where(eq(notificationPreference.userId, account!.id));
    expect(row!.channels).toMatchObject({ new_message: "none", request_status: "email" });
    expect(row!.channels).not.toHaveProperty("bank_change");
    expect(row!.paperless).toBe(true);
    const on = cast.server.services.clock.dateOf(row!.paperlessChangedAt!).split("-").reverse().join("/");
    expect(visibleText(await (await cast.benoit.get("/mon-compte/preferences")).text())).toContain(
      `Choix enregistré le ${on}.`,
    );
    const file = visibleText(await (await cast.conseiller.get(`/back-office/adherents/${demo.benoit.number}`)).text());
    expect(file).toContain(`Zéro papier Oui, depuis le ${on}`);
  });

  it("honours 'nothing' for a new message, and e-mail again once chosen", async () => {
    const [thread] = await cast.server.services.db
      .select({ id: messageThread.id })
      .from(messageThread)
      .where(eq(messageThread.subject, "prelevement"));
    const path = `/back-office/messagerie/${thread!.id}`;
    await cast.conseiller.post(path, { intent: "prendre" });
    const before = mailsTo(cast.server.dataDir, demo.benoit.email).length;
    expect((await cast.conseiller.postMultipart(path, { message: "Bonjour, c'est noté." }, [])).status).toBe(302);
    expect(mailsTo(cast.server.dataDir, demo.benoit.email)).toHaveLength(before);

    await cast.benoit.post("/mon-compte/preferences", { ...choices, new_message: "email" });
    expect((await cast.conseiller.postMultipart(path, { message: "Autre précision." }, [])).status).toBe(302);
    const after = mailsTo(cast.server.dataDir, demo.benoit.email);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.subject).toBe("Vous avez un nouveau message");
  });
});
