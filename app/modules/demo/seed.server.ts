// Loads the demo data. Idempotent: a household already present is left as it is.
import { eq } from "drizzle-orm";
import { newsItem } from "../news/schema.ts";
import { user } from "../accounts/schema.ts";
import type { Db } from "../db/client.server.ts";
import { memberDocument } from "../documents/schema.ts";
import { bankAccount, household, person } from "../households/schema.ts";
import { reimbursementLine } from "../reimbursements/schema.ts";
import { message, messageThread } from "../messaging/schema.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import type { Clock } from "../clock/index.ts";
import {
  type DemoHousehold,
  demoAdvisor,
  demoHouseholds,
  demoNews,
  demoOtherAdvisors,
  demoPassword,
} from "./demo-households.ts";
import { createCredentialUser } from "../accounts/users.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { demoHelpArticles } from "../help/demo-articles.ts";
import { seedHelpArticles } from "../help/articles.server.ts";
import { demoDirectory } from "../directory/demo-directory.ts";
import { importProfessionals } from "../directory/import.server.ts";
import { healthProfessional } from "../directory/schema.ts";

/** Dates follow the clock: the story of the source document as of today (see demoHouseholds). */
export async function seedDemoData(db: Db, clock: Clock): Promise<{ created: string[] }> {
  const created: string[] = [];
  const { benoit, second } = demoHouseholds(clock.today());
  for (const demo of [benoit, second]) {
    if (await seedHousehold(db, demo, clock)) created.push(demo.memberNumber);
  }
  if (await seedAdvisor(db)) created.push(demoAdvisor.username);
  if ((await seedHelpArticles(db, demoHelpArticles, clock.today())) > 0) created.push("aide");
  if ((await seedDemoDirectory(db, clock)) > 0) created.push("annuaire");
  if (await seedNews(db, clock.today())) created.push("actualités");
  return { created };
}

/** Two news items of the mutuelle, published a few weeks ago, when there are none at all (issue 20, item 13). */
async function seedNews(db: Db, today: string): Promise<boolean> {
  const [any] = await db.select({ id: newsItem.id }).from(newsItem).limit(1);
  if (any) return false;
  await db.insert(newsItem).values(demoNews(today));
  return true;
}

async function seedAdvisor(db: Db): Promise<boolean> {
  let created = false;
  for (const advisor of [demoAdvisor, ...demoOtherAdvisors]) {
    const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.username, advisor.username));
    if (existing) continue;
    await inTransaction(db, async (tx) => {
      await createCredentialUser(tx, { ...advisor, role: "advisor" }, demoPassword.advisor);
    });
    created = true;
  }
  return created;
}

function maskedIban(suffix: string): string {
  return `FR76 **** **** **** **** **** ${suffix}`;
}

async function seedHousehold(db: Db, demo: DemoHousehold, clock: Clock): Promise<boolean> {
  const [existing] = await db
    .select({ id: household.id })
    .from(household)
    .where(eq(household.memberNumber, demo.memberNumber));
  if (existing) return false;
  const member = demo.people.find((p) => p.role === "member");
  if (!member) throw new Error(`demo household ${demo.memberNumber} has no member`);

  await inTransaction(db, async (tx) => {
    const userId = await createCredentialUser(
      tx,
      {
        name: `${member.firstName} ${member.lastName}`,
        email: demo.email,
        username: demo.memberNumber,
        role: "member",
      },
      demoPassword.member,
    );
    const [home] = await tx
      .insert(household)
      .values({
        memberNumber: demo.memberNumber,
        coverageLevel: demo.coverageLevel,
        coverageStart: demo.coverageStart,
        premiumMonthlyCents: demo.premiumMonthlyCents,
        sepaMandateRef: demo.sepaMandateRef,
        addressLine1: demo.address.line1,
        postalCode: demo.address.postalCode,
        city: demo.address.city,
        phone: demo.address.phone,
      })
      .returning({ id: household.id });
    const householdId = home!.id;

    const people = new Map<string, { id: string; accountId: string | null }>();
    for (const [index, p] of demo.people.entries()) {
      let accountId: string | null = null;
      if (p.ownAccountSuffix) {
        const [bank] = await tx
          .insert(bankAccount)
          .values({
            householdId,
            holderName: `${p.firstName} ${p.lastName}`.toUpperCase(),
            ibanMasked: maskedIban(p.ownAccountSuffix),
          })
          .returning({ id: bankAccount.id });
        accountId = bank!.id;
      }
      const [row] = await tx
        .insert(person)
        .values({
          householdId,
          role: p.role,
          externalRef: `${demo.memberNumber}-${String(index + 1).padStart(2, "0")}`,
          firstName: p.firstName,
          lastName: p.lastName,
          birthDate: p.birthDate,
          coverageStart: demo.coverageStart,
          bankAccountId: p.role === "member" ? null : accountId,
          userId: p.role === "member" ? userId : null,
        })
        .returning({ id: person.id });
      people.set(p.firstName, { id: row!.id, accountId });
      if (p.role === "member")
        await tx.update(household).set({ bankAccountId: accountId }).where(eq(household.id, householdId));
    }
    const memberAccount = people.get(member.firstName)!.accountId;
    const find = (firstName: string) => {
      const found = people.get(firstName);
      if (!found) throw new Error(`demo data names an unknown person: ${firstName}`);
      return found;
    };

    await tx.insert(reimbursementLine).values(
      demo.lines.map((line, index) => {
        const toProfessional = line.paidTo === "professional";
        const payee = toProfessional ? null : find(line.paidTo);
        return {
          sourceLineId: `DEMO-${demo.memberNumber}-${String(index + 1).padStart(4, "0")}`,
          householdId,
          beneficiaryId: find(line.beneficiary).id,
          careType: line.careType,
          guaranteeCategory: line.category,
          careDate: line.careDate,
          professionalName: line.professionalName ?? null,
          chargedCents: line.chargedCents,
          baseCents: line.baseCents,
          amoRateBp: line.amoRateBp,
          amoDeductibleCents: line.amoDeductibleCents,
          amoCents: line.amoCents,
          amcCents: line.amcCents,
          guaranteeLabel: line.guaranteeLabel,
          remainingCents: line.chargedCents - line.amoCents - line.amcCents,
          paidTo: toProfessional
            ? ("professional" as const)
            : line.paidTo === member.firstName
              ? ("member" as const)
              : ("beneficiary" as const),
          paidToPersonId: payee?.id ?? null,
          bankAccountId: payee ? (payee.accountId ?? memberAccount) : null,
          paymentDate: line.paymentDate,
        };
      }),
    );
    const requests = await tx
      .insert(memberRequest)
      .values(
        demo.requests.map((r) => ({
          reference: r.reference,
          householdId,
          beneficiaryId: find(r.beneficiary).id,
          kind: "claim" as const,
          careType: r.careType,
          careDate: r.careDate,
          status: r.status,
          createdAt: new Date(r.createdAt),
          updatedAt: new Date(r.createdAt),
        })),
      )
      .returning({ id: memberRequest.id, status: memberRequest.status, createdAt: memberRequest.createdAt });
    // Their timelines: sent, then in progress, then the decision where there is one.
    await tx.insert(requestEvent).values(
      requests.flatMap((r) => {
        const day = (n: number) => new Date(r.createdAt.getTime() + n * 86_400_000);
        const events: (typeof requestEvent.$inferInsert)[] = [
          { requestId: r.id, status: "submitted", at: r.createdAt, note: null },
        ];
        if (r.status !== "submitted") events.push({ requestId: r.id, status: "in_progress", at: day(1), note: null });
        if (r.status === "accepted")
          events.push({
            requestId: r.id,
            status: "accepted",
            at: day(6),
            note: "Remboursement versé sur votre compte.",
          });
        return events;
      }),
    );
    await tx.insert(memberDocument).values(demo.documents.map((d) => ({ householdId, ...d })));
    for (const t of demo.threads ?? []) {
      const at = (daysAgo: number) => new Date(clock.now().getTime() - daysAgo * 86_400_000);
      const last = t.messages.at(-1)!;
      const [thread] = await tx
        .insert(messageThread)
        .values({
          householdId,
          category: t.category,
          subject: t.subject,
          startedBy: t.messages[0]!.author,
          status: last.author === "advisor" ? ("answered" as const) : ("open" as const),
          unreadForMember: false,
          lastMessageAt: at(last.daysAgo),
          createdAt: at(t.messages[0]!.daysAgo),
        })
        .returning({ id: messageThread.id });
      await tx.insert(message).values(
        t.messages.map((m) => ({
          threadId: thread!.id,
          author: m.author,
          body: m.body,
          authorUserId: m.author === "member" ? userId : null,
          createdAt: at(m.daysAgo),
        })),
      );
    }
  });
  return true;
}

/** The demo's directory of professionals (fictional), loaded once: left alone when the table has rows. */
export async function seedDemoDirectory(db: Db, clock: Clock): Promise<number> {
  const [any] = await db.select({ id: healthProfessional.id }).from(healthProfessional).limit(1);
  if (any) return 0;
  const lines = demoDirectory();
  // As lines of a file: its header is line 1.
  const records = lines.map((raw, i) => ({ line: i + 2, raw }));
  const summary = await importProfessionals(db, clock, records, { full: false, source: "demo" });
  return summary.inserted;
}
