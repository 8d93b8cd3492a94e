// A year's retention of messages (with their files and emptied threads), and the sweep of message files left
// without their row.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { household } from "../../app/modules/households/schema.ts";
import { sweepOrphanFiles } from "../../app/modules/storage/orphan-sweep.server.ts";
import { purgeExpiredMessages } from "../../app/modules/messaging/maintenance.server.ts";
import { message, messageFile, messageThread } from "../../app/modules/messaging/schema.ts";
import { visibleText } from "../support/http-client.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { testClock } from "../support/clock.ts";
import { messageCount, sendNewMessage, threadCount } from "../support/messaging.ts";

describe("messagerie retention", () => {
  test("removes messages older than a year with their files, threads left empty, and nothing else; twice at once is harmless", async ({
    server,
    member: benoit,
  }) => {
    const { db } = server.services;
    const [claireHousehold] = await db
      .select({ id: household.id })
      .from(household)
      .where(eq(household.memberNumber, "10000002"));
    const now = testClock.now();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const makeThread = async (messageAges: number[]) => {
      const [t] = await db
        .insert(messageThread)
        .values({
          householdId: claireHousehold!.id,
          category: "cotisations",
          subject: "echeancier",
          startedBy: "member",
          lastMessageAt: daysAgo(Math.min(...messageAges)),
        })
        .returning({ id: messageThread.id });
      const ids: { messageId: string; storedName: string }[] = [];
      for (const age of messageAges) {
        const [m] = await db
          .insert(message)
          .values({ threadId: t!.id, author: "member", body: `message de ${age} jours`, createdAt: daysAgo(age) })
          .returning({ id: message.id });
        const storedName = `retention-test-${t!.id}-${age}`;
        await server.services.storage.put(`messagerie/${storedName}`, Readable.from([Buffer.from("%PDF-1.4 test")]));
        await db.insert(messageFile).values({
          messageId: m!.id,
          householdId: claireHousehold!.id,
          originalName: "x.pdf",
          storedName,
          mimeType: "application/pdf",
          sizeBytes: 13,
          sha256: "0".repeat(64),
        });
        ids.push({ messageId: m!.id, storedName });
      }
      return { threadId: t!.id, ids };
    };
    const old = await makeThread([400, 370]);
    const mixed = await makeThread([380, 10]);
    const recent = await makeThread([364]);
    const threadsBefore = await threadCount(server);
    const messagesBefore = await messageCount(server);

    const [a, b] = await Promise.all([
      purgeExpiredMessages(db, server.services.storage, now),
      purgeExpiredMessages(db, server.services.storage, now),
    ]);
    expect(a.messages + b.messages).toBe(3);
    expect(a.files + b.files).toBe(3);
    expect(a.threads + b.threads).toBe(1);
    expect(await purgeExpiredMessages(db, server.services.storage, now)).toEqual({ messages: 0, threads: 0, files: 0 });

    expect(await threadCount(server)).toBe(threadsBefore - 1);
    expect(await messageCount(server)).toBe(messagesBefore - 3);
    expect(await db.select().from(messageThread).where(eq(messageThread.id, old.threadId))).toHaveLength(0);
    for (const f of [...old.ids, mixed.ids[0]!])
      expect(await server.services.storage.stat(`messagerie/${f.storedName}`)).toBeNull();
    // The recent reply of the mixed thread, the 364-day-old message and every other thread stay, files too.
    const mixedLeft = await db.select().from(message).where(eq(message.threadId, mixed.threadId));
    expect(mixedLeft.map((m) => m.body)).toEqual(["message de 10 jours"]);
    for (const f of [mixed.ids[1]!, recent.ids[0]!])
      expect(await server.services.storage.stat(`messagerie/${f.storedName}`)).not.toBeNull();
    expect(await db.select().from(messageThread).where(eq(messageThread.subject, "attestation-droits"))).toHaveLength(
      1,
    );
    expect(visibleText(await (await benoit.get("/messagerie")).text())).toContain("Attestation de droits");
  });

  test("sweeps message files left without their row once old enough, keeping files with a row and keys not ours", async ({
    server,
    member: benoit,
  }) => {
    const { db, storage } = server.services;
    const threadId = await sendNewMessage(benoit, "Avec une pièce jointe à garder.");
    const [kept] = await db
      .select({ storedName: messageFile.storedName })
      .from(messageFile)
      .innerJoin(message, eq(message.id, messageFile.messageId))
      .where(eq(message.threadId, threadId));
    const orphan = `messagerie/${randomUUID()}`;
    const notOurs = "messagerie/lisez-moi.txt";
    for (const key of [orphan, notOurs]) await storage.put(key, Readable.from([Buffer.from("%PDF-1.4")]));

    // Fresh: a file whose row is being written right now is never taken for an orphan.
    expect((await sweepOrphanFiles({ db, storage })).removed).toBe(0);
    expect(await storage.stat(orphan)).not.toBeNull();
    // Old enough (here: any age): removed; the attached file and the unknown key stay.
    expect((await sweepOrphanFiles({ db, storage }, { olderThan: 0 })).removed).toBe(1);
    expect(await storage.stat(orphan)).toBeNull();
    expect(await storage.stat(notOurs)).not.toBeNull();
    expect(await storage.stat(`messagerie/${kept!.storedName}`)).not.toBeNull();
    await storage.delete(notOurs);
  });
});
