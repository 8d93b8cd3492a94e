// "Un remboursement vous a été versé" after an import from the core system (issue 23). The import only notes
// when it started and queues a job (`reimbursements.announce_payments`); the job finds the lines the import
// added that were paid to the member or a beneficiary (not to a professional under tiers payant) and tells each
// person paid, once per import, as they chose (notify()): the person's own access if they have one, else the
// contract holder, never the holder for a beneficiary who asked for the confidentiality of their care. Nothing
// about the care: the words say a payment arrived and link to the reimbursements page.
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { person } from "../households/schema.ts";
import { enqueueJob } from "../jobs/queue.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { notify } from "../notifications/preferences.server.ts";

export const announcePaymentsJob = "reimbursements.announce_payments";

/** The database's time before an import writes its first line: the lines created from then on are its own. */
export async function importStartedAt(db: Db): Promise<string> {
  const result = await db.execute(sql`select now() as now`);
  const value = (result as { rows: { now: Date | string }[] }).rows[0]!.now;
  return new Date(value).toISOString();
}

/** Queues the announcement of the payments an import added since `since` (one job per import). */
export async function queuePaymentAnnouncement(db: Db, since: string): Promise<void> {
  await enqueueJob(db, announcePaymentsJob, { since }, { singletonKey: `${announcePaymentsJob}@${since}` });
}

export async function announceImportedPayments(
  { db, mailer }: { db: Db; mailer: Mailer },
  since: string,
): Promise<{ notified: number }> {
  // Reads the lines created by the import: a household's payees, by person paid.
  const paid = (
    (await db.execute(sql`
      select distinct household_id as "householdId", paid_to_person_id as "personId"
      from reimbursement_line
      where created_at >= ${since}::timestamptz and paid_to <> 'professional' and paid_to_person_id is not null`)) as {
      rows: { householdId: string; personId: string }[];
    }
  ).rows;
  if (paid.length === 0) return { notified: 0 };
  const people = await db
    .select({
      id: person.id,
      householdId: person.householdId,
      userId: person.userId,
      role: person.role,
      confidential: person.careConfidential,
    })
    .from(person)
    .where(inArray(person.householdId, [...new Set(paid.map((p) => p.householdId))]));
  const recipients = new Set<string>();
  for (const { householdId, personId } of paid) {
    const payee = people.find((p) => p.id === personId && p.householdId === householdId);
    if (!payee) continue;
    if (payee.userId) recipients.add(payee.userId);
    else if (!payee.confidential) {
      const holder = people.find((p) => p.householdId === householdId && p.role === "member");
      if (holder?.userId) recipients.add(holder.userId);
    }
  }
  let notified = 0;
  for (const userId of recipients) {
    const mailId = await inTransaction(db, async (tx) => {
      const sent = await notify(
        { db, mailer },
        { userId },
        "payment_received",
        {
          mail: {
            subject: "Un remboursement vous a été versé",
            text:
              "Bonjour,\n\nUn remboursement de votre mutuelle vient de vous être versé.\n" +
              "Le détail est dans votre espace adhérent, rubrique « Remboursements ».\n\nVotre mutuelle",
          },
          push: {
            title: "Un remboursement vous a été versé",
            body: "Le détail est dans votre espace adhérent.",
            url: "/remboursements",
          },
        },
        { tx, once: `paiements:${since}` },
      );
      if (sent.channel !== "none") notified++;
      return sent.mailId;
    });
    if (mailId !== null) await mailer.deliver([mailId]);
  }
  return { notified };
}
