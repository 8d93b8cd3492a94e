// The job that tells members a document became available (documents.announce, hourly): for each contract
// holder with an access, the documents of announce.ts, each once (notify()'s `once` key, written with the mail
// and push rows in one transaction), the way the member chose for "new_document". The words name the document
// and link to it: no health detail.
import { and, eq, isNotNull } from "drizzle-orm";
import type { Brand } from "../config/brand.server.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { household, person } from "../households/schema.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { notify } from "../notifications/preferences.server.ts";
import { announcementsDue, documentsToAnnounce } from "./announce.ts";

export async function announceNewDocuments(
  { db, mailer, brand, publicUrl }: { db: Db; mailer: Mailer; brand: Brand; publicUrl: string },
  today: string,
): Promise<{ notified: number }> {
  const nextYearFrom = brand.tiersPayantCard.nextYearFrom;
  if (!announcementsDue(today, nextYearFrom)) return { notified: 0 };
  const holders = await db
    .select({
      userId: person.userId,
      coverageStart: household.coverageStart,
      coverageEnd: household.coverageEnd,
    })
    .from(household)
    .innerJoin(person, and(eq(person.householdId, household.id), eq(person.role, "member")))
    .where(isNotNull(person.userId));
  let notified = 0;
  for (const holder of holders) {
    for (const document of documentsToAnnounce(holder, today, nextYearFrom)) {
      const mailId = await inTransaction(db, async (tx) => {
        const sent = await notify(
          { db, mailer },
          { userId: holder.userId! },
          "new_document",
          {
            mail: {
              subject: "Un nouveau document est disponible",
              text:
                `Bonjour,\n\n${document.title} est disponible dans votre espace adhérent.\n` +
                `Pour la consulter, connectez-vous : ${publicUrl}${document.url}\n\nVotre mutuelle`,
            },
            push: {
              title: "Un nouveau document est disponible",
              body: `${document.title} est dans votre espace adhérent.`,
              url: document.url,
            },
          },
          { tx, once: `document:${document.key}` },
        );
        if (sent.channel !== "none") notified++;
        return sent.mailId;
      });
      if (mailId !== null) await mailer.deliver([mailId]);
    }
  }
  return { notified };
}
