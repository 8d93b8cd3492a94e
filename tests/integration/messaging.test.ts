import { and, eq } from "drizzle-orm";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { household } from "../../app/modules/households/schema.ts";
import { message, messageFile, messageThread } from "../../app/modules/messaging/schema.ts";
import { user } from "../../app/modules/accounts/schema.ts";
import { demo, visibleText } from "../support/http-client.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { storedBytes } from "../support/stored-files.ts";
import { messageCount, outbox, pdf, sendNewMessage, storedFiles, threadCount } from "../support/messaging.ts";

describe("messagerie, member side", () => {
  test("offers the online service first, then sends a message with a PDF, kept outside the web root", async ({
    server,
    member: benoit,
  }) => {
    const box = visibleText(
      await (await benoit.get("/messagerie/nouveau?categorie=modification-contrat&sujet=ajout-beneficiaires")).text(),
    );
    expect(box).toContain(
      "Bon à savoir ! Un service en ligne « Ajout de bénéficiaires » est disponible pour réaliser cette démarche.",
    );
    expect(box).toContain("Accéder au service");
    // A subject without an online service goes straight to the message.
    const direct = visibleText(
      await (await benoit.get("/messagerie/nouveau?categorie=modification-contrat&sujet=niveau-garantie")).text(),
    );
    expect(direct).not.toContain("Bon à savoir !");
    expect(direct).toContain("Votre message *");

    const threadId = await sendNewMessage(benoit, "Bonjour,\r\nje souhaite ajouter mon fils Jules à mon contrat.");
    const [thread] = await server.services.db.select().from(messageThread).where(eq(messageThread.id, threadId));
    expect(thread).toMatchObject({
      category: "modification-contrat",
      subject: "ajout-beneficiaires",
      status: "open",
      unreadForMember: false,
      startedBy: "member",
    });
    const [first] = await server.services.db.select().from(message).where(eq(message.threadId, threadId));
    expect(first!.body).toBe("Bonjour,\nje souhaite ajouter mon fils Jules à mon contrat.");
    const files = await server.services.db.select().from(messageFile).where(eq(messageFile.messageId, first!.id));
    expect(files).toHaveLength(1);
    expect(files[0]!.mimeType).toBe("application/pdf");
    expect((await storedBytes(server.services.storage, `messagerie/${files[0]!.storedName}`))!.equals(pdf())).toBe(
      true,
    );

    const page = visibleText(await (await benoit.get(`/messagerie/${threadId}?envoye=1`)).text());
    expect(page).toContain("Votre message est envoyé.");
    expect(page).toContain("Ajout de bénéficiaires");
    expect(page).toContain("En cours");
    expect(page).toContain("attestation.pdf");
    const download = await benoit.get(`/messagerie/${threadId}/fichiers/${files[0]!.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf())).toBe(true);

    // Newest first, with the demo threads after it and the retention notice.
    const list = visibleText(await (await benoit.get("/messagerie")).text());
    expect(list).toContain("Tous les messages (3)");
    expect(list.indexOf("Ajout de bénéficiaires")).toBeLessThan(list.indexOf("Prélèvement des cotisations"));
    expect(list.indexOf("Prélèvement des cotisations")).toBeLessThan(list.indexOf("Attestation de droits"));
    expect(list).toContain("Les messages sont disponibles pendant 1 an");
  });

  test("refuses an empty message, one over 5,000 characters, a bad file or an unknown subject with 400, and writes nothing", async ({
    server,
    member: benoit,
  }) => {
    const threadsBefore = await threadCount(server);
    const messagesBefore = await messageCount(server);
    const filesBefore = (await storedFiles(server)).length;
    const path = "/messagerie/nouveau?categorie=modification-contrat&sujet=ajout-beneficiaires&ecrire=1";
    const fields = { categorie: "modification-contrat", sujet: "ajout-beneficiaires" };

    const empty = await benoit.postMultipart(path, { ...fields, message: "   \r\n  " }, [
      { name: "ok.pdf", bytes: pdf() },
    ]);
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(visibleText(emptyHtml)).toContain("Écrivez votre message.");
    // The error is tied to its field.
    expect(emptyHtml).toMatch(/aria-describedby="message-aide message-erreur"/);

    const long = await benoit.postMultipart(path, { ...fields, message: "a".repeat(5001) });
    expect(long.status).toBe(400);
    const longText = visibleText(await long.text());
    expect(longText).toContain("Votre message dépasse 5");
    expect(longText).toContain("000 caractères");
    // 5,000 exactly is fine (checked below by counting one more thread).

    const svg = await benoit.postMultipart(path, { ...fields, message: "Voici le document." }, [
      { name: "ok.pdf", bytes: pdf() },
      { name: "dessin.svg", bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), type: "image/svg+xml" },
    ]);
    expect(svg.status).toBe(400);
    const svgText = visibleText(await svg.text());
    expect(svgText).toContain("Le fichier « dessin.svg » n'est ni un PDF, ni une photo JPEG ou PNG");
    // What was typed is kept.
    expect(svgText).toContain("Voici le document.");

    const advisorOnly = await benoit.postMultipart("/messagerie/nouveau", {
      categorie: "conseiller",
      sujet: "information",
      message: "Bonjour",
    });
    expect(advisorOnly.status).toBe(400);
    expect(visibleText(await advisorOnly.text())).toContain("Choisissez une catégorie.");

    const tooBig = await benoit.postMultipart(path, { ...fields, message: "Le scan complet." }, [
      { name: "scan.pdf", bytes: Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024)]), type: "application/pdf" },
    ]);
    expect(tooBig.status).toBe(413);
    expect(visibleText(await tooBig.text())).toContain("Un fichier dépasse 10 Mo");

    // A reply, empty, to one of Benoit's own threads.
    const [own] = await server.services.db
      .select({ id: messageThread.id })
      .from(messageThread)
      .where(eq(messageThread.subject, "prelevement"));
    const reply = await benoit.post(`/messagerie/${own!.id}`, { message: " " });
    expect(reply.status).toBe(400);
    expect(visibleText(await reply.text())).toContain("Écrivez votre message.");

    expect(await threadCount(server)).toBe(threadsBefore);
    expect(await messageCount(server)).toBe(messagesBefore);
    expect(await storedFiles(server)).toHaveLength(filesBefore);

    await sendNewMessage(benoit, "é".repeat(5000), []);
    expect(await threadCount(server)).toBe(threadsBefore + 1);
  });

  test("answers 404 to another household on a thread, its attachment and a reply; and to advisors on member pages", async ({
    server,
    member: benoit,
    otherMember: claire,
    advisor,
  }) => {
    const threadId = await sendNewMessage(benoit, "Mon message à moi.");
    const [file] = await server.services.db
      .select({ id: messageFile.id })
      .from(messageFile)
      .innerJoin(message, eq(message.id, messageFile.messageId))
      .where(eq(message.threadId, threadId));
    expect((await claire.get(`/messagerie/${threadId}`)).status).toBe(404);
    expect((await claire.get(`/messagerie/${threadId}/fichiers/${file!.id}`)).status).toBe(404);
    expect((await claire.post(`/messagerie/${threadId}`, { message: "Intrusion" })).status).toBe(404);
    expect(visibleText(await (await claire.get("/messagerie")).text())).not.toContain("Ajout de bénéficiaires");
    // Benoit's attachment under another of his threads' address is not found either.
    const [other] = await server.services.db
      .select({ id: messageThread.id })
      .from(messageThread)
      .where(eq(messageThread.subject, "prelevement"));
    expect((await benoit.get(`/messagerie/${other!.id}/fichiers/${file!.id}`)).status).toBe(404);
    expect((await benoit.get("/messagerie/pas-un-id")).status).toBe(404);
    expect((await advisor.get(`/messagerie/${threadId}`)).status).toBe(404);
    expect((await benoit.get(`/back-office/messagerie/${threadId}`)).status).toBe(404);
    expect((await benoit.get("/back-office/messagerie")).status).toBe(404);
    const messages = await server.services.db.select().from(message).where(eq(message.threadId, threadId));
    expect(messages).toHaveLength(1);
  });
});

describe("messagerie, advisor side", () => {
  test("lists open threads oldest first, audits each view, and a reply makes the thread 'Traité' and unread, with a mail without content", async ({
    server,
    member: benoit,
    otherMember: claire,
    advisor,
  }) => {
    const threadId = await sendNewMessage(benoit, "Question confidentielle sur ma santé.");
    const inboxHtml = await (await advisor.get("/back-office/messagerie")).text();
    const inbox = visibleText(inboxHtml);
    // The demo thread (2 days old) waits longer than the one just sent, which comes last.
    expect(inbox.indexOf("Prélèvement des cotisations")).toBeLessThan(inbox.indexOf("Ajout de bénéficiaires"));
    expect(inboxHtml.lastIndexOf('href="/back-office/messagerie/')).toBe(
      inboxHtml.indexOf(`href="/back-office/messagerie/${threadId}"`),
    );
    expect(inbox).toContain("Benoit Brouez (10000001)");
    const filtered = visibleText(await (await advisor.get("/back-office/messagerie?categorie=cotisations")).text());
    expect(filtered).toContain("Prélèvement des cotisations");
    expect(filtered).not.toContain("Ajout de bénéficiaires");

    const [advisorUser] = await server.services.db
      .select({ id: user.id })
      .from(user)
      .where(eq(user.username, demo.advisor.username));
    const [benoitHousehold] = await server.services.db
      .select({ id: household.id })
      .from(household)
      .where(eq(household.memberNumber, "10000001"));
    const view = await advisor.get(`/back-office/messagerie/${threadId}`);
    expect(view.status).toBe(200);
    const viewText = visibleText(await view.text());
    expect(viewText).toContain("Question confidentielle sur ma santé.");
    expect(viewText).toContain("Numéro d'adhérent 10000001");
    expect(viewText).toContain("Niveau de garantie Optimale");
    const audits = await server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "message.advisor_view"), eq(auditLog.actorUserId, advisorUser!.id)));
    const audit = audits.find((a) => a.details?.threadId === threadId);
    expect(audit).toMatchObject({ outcome: "success", householdId: benoitHousehold!.id });
    // Codes and ids only: never the message text.
    expect(JSON.stringify(audit)).not.toContain("confidentielle");

    expect((await advisor.post(`/back-office/messagerie/${threadId}`, { intent: "prendre" })).status).toBe(302);
    expect(
      (await server.services.db.select().from(messageThread).where(eq(messageThread.id, threadId)))[0]!.assignedTo,
    ).toBe(advisorUser!.id);

    const mailsBefore = outbox(server).length;
    const reply = await advisor.postMultipart(
      `/back-office/messagerie/${threadId}`,
      { message: "Bonjour, c'est noté : voici le formulaire." },
      [{ name: "formulaire.pdf", bytes: pdf(), type: "application/pdf" }],
    );
    expect(reply.status).toBe(302);
    const [answered] = await server.services.db.select().from(messageThread).where(eq(messageThread.id, threadId));
    expect(answered).toMatchObject({ status: "answered", unreadForMember: true });
    expect(await (await advisor.get("/back-office/messagerie")).text()).not.toContain(
      `href="/back-office/messagerie/${threadId}"`,
    );

    const mails = outbox(server);
    expect(mails.length).toBe(mailsBefore + 1);
    const mail = mails.find((m) => m.includes(`/messagerie/${threadId}`))!;
    expect(mail).toContain("benoit.brouez@example.com");
    expect(mail).toContain("Subject: Vous avez un nouveau message");
    expect(mail).not.toContain("formulaire");
    expect(mail).not.toContain("confidentielle");

    // Benoit sees it unread (bold, and said to screen readers), in the navigation too.
    const listHtml = await (await benoit.get("/messagerie")).text();
    expect(listHtml).toMatch(new RegExp(`href="/messagerie/${threadId}" class="thread thread--unread"`));
    expect(visibleText(listHtml)).toContain("Non lu : Ajout de bénéficiaires");
    expect(visibleText(listHtml)).toContain("1 message non lu");
    const thread = visibleText(await (await benoit.get(`/messagerie/${threadId}`)).text());
    expect(thread).toContain("Traité");
    expect(thread).toContain("Votre conseiller");
    expect(thread).toContain("formulaire.pdf");
    expect(
      (await server.services.db.select().from(messageThread).where(eq(messageThread.id, threadId)))[0]!.unreadForMember,
    ).toBe(false);
    const readHtml = await (await benoit.get("/messagerie")).text();
    expect(readHtml).not.toContain("thread--unread");
    expect(visibleText(readHtml)).not.toContain("1 message non lu");

    // The advisor's file, for Benoit only.
    const [advisorFile] = await server.services.db
      .select({ id: messageFile.id })
      .from(messageFile)
      .innerJoin(message, eq(message.id, messageFile.messageId))
      .where(and(eq(message.threadId, threadId), eq(message.author, "advisor")));
    expect((await benoit.get(`/messagerie/${threadId}/fichiers/${advisorFile!.id}`)).status).toBe(200);
    expect((await claire.get(`/messagerie/${threadId}/fichiers/${advisorFile!.id}`)).status).toBe(404);

    // Benoit answers: back to "En cours", in the advisors' inbox again.
    expect((await benoit.post(`/messagerie/${threadId}`, { message: "Merci, le voici rempli." })).status).toBe(302);
    expect(
      (await server.services.db.select().from(messageThread).where(eq(messageThread.id, threadId)))[0]!.status,
    ).toBe("open");
    expect(await (await advisor.get("/back-office/messagerie")).text()).toContain(
      `href="/back-office/messagerie/${threadId}"`,
    );
  });

  test("starts a thread to a member by numéro d'adhérent, and refuses an unknown number or an empty text with 400", async ({
    otherMember: claire,
    advisor,
    server,
  }) => {
    const before = await threadCount(server);
    const unknown = await advisor.postMultipart("/back-office/messagerie/nouveau", {
      numero: "99999999",
      sujet: "information",
      message: "Bonjour",
    });
    expect(unknown.status).toBe(400);
    expect(visibleText(await unknown.text())).toContain("Aucun adhérent ne porte ce numéro.");
    const empty = await advisor.postMultipart(
      "/back-office/messagerie/nouveau",
      { numero: "10000002", sujet: "information", message: "" },
      [{ name: "a.pdf", bytes: pdf() }],
    );
    expect(empty.status).toBe(400);
    expect(await threadCount(server)).toBe(before);

    const files = (await storedFiles(server)).length;
    const res = await advisor.postMultipart("/back-office/messagerie/nouveau", {
      numero: "10000002",
      sujet: "piece-demandee",
      message: "Merci de nous envoyer votre RIB.",
    });
    expect(res.status).toBe(302);
    expect(await storedFiles(server)).toHaveLength(files);
    const list = visibleText(await (await claire.get("/messagerie")).text());
    expect(list).toContain("Message de votre conseiller");
    expect(list).toContain("Non lu : Document à nous transmettre");
    expect(list).toContain("Traité");
  });
});
