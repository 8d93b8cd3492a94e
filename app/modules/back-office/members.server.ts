// The back-office's member search and read-only member summary. Every function takes the advisor viewer
// (requirePermission "members.view" gave it). Searches are audited by result count only, never the words
// typed; every summary view is audited with the household, and the member sees it in "Mon compte".
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { accountLock, user } from "../accounts/schema.ts";
import { unlockByAdvisor } from "../accounts/account-lock.server.ts";
import type { SignInLimiter } from "../accounts/rate-limit.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { bankChange } from "../banking/schema.ts";
import type { Db } from "../db/client.server.ts";
import { bankAccount, household, person } from "../households/schema.ts";
import { messageThread } from "../messaging/schema.ts";
import { type PricingCheckView, pricingCheckView } from "../reimbursements/pricing-check.ts";
import { reimbursementLine } from "../reimbursements/schema.ts";
import { memberRequest } from "../requests/schema.ts";
import { recordAdvisorAccess } from "./access-log.server.ts";
import { memberSearchMaxResults, type MemberQuery } from "./member-search.ts";

export interface MemberSearchRow {
  memberNumber: string;
  firstName: string;
  lastName: string;
  coverageLevel: string;
  email: string | null;
}

const holder = alias(person, "holder");
const matched = alias(person, "matched");

// Case and accents folded in SQL the way foldName does in JavaScript. Upper-case accented letters are
// translated too: lower() leaves them alone under a "C" collation (PGlite, some PostgreSQL installs).
const accented = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ";
const plain = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyy";
function folded(value: SQL): SQL {
  return sql`lower(replace(replace(replace(replace(translate(${value}, ${accented}, ${plain}), 'Œ', 'oe'), 'œ', 'oe'), 'Æ', 'ae'), 'æ', 'ae'))`;
}

/**
 * Households whose member (or a person they cover) matches: the numéro d'adhérent exactly, the member's login
 * e-mail exactly (any case), or a first or last name, or "first last" / "last first", starting with the prefix.
 * At most 50, by name.
 */
export async function searchMembers(
  db: Db,
  advisor: AdvisorViewer,
  query: MemberQuery,
  ipAddress: string | null = null,
): Promise<MemberSearchRow[]> {
  let where: SQL;
  if (query.kind === "number") where = eq(household.memberNumber, query.memberNumber);
  else if (query.kind === "email") where = sql`lower(${user.email}) = ${query.email}`;
  else {
    const pattern = `${query.prefix}%`;
    const first = sql`${matched.firstName}`;
    const last = sql`${matched.lastName}`;
    // Drizzle names an alias without its table inside raw SQL: the FROM clause spells "person" "matched" itself.
    where = sql`exists (select 1 from ${person} ${sql.identifier("matched")} where ${matched.householdId} = ${household.id} and (
      ${folded(last)} like ${pattern} or ${folded(first)} like ${pattern}
      or ${folded(sql`${first} || ' ' || ${last}`)} like ${pattern} or ${folded(sql`${last} || ' ' || ${first}`)} like ${pattern}))`;
  }
  const rows = await db
    .select({
      memberNumber: household.memberNumber,
      firstName: holder.firstName,
      lastName: holder.lastName,
      coverageLevel: household.coverageLevel,
      email: user.email,
    })
    .from(household)
    .innerJoin(holder, and(eq(holder.householdId, household.id), eq(holder.role, "member")))
    .leftJoin(user, eq(user.id, holder.userId))
    .where(where)
    .orderBy(asc(holder.lastName), asc(holder.firstName), asc(household.memberNumber))
    .limit(memberSearchMaxResults);
  await recordAudit(db, {
    action: "backoffice.member_search",
    outcome: "success",
    actorUserId: advisor.userId,
    ipAddress,
    details: { results: rows.length },
  });
  return rows;
}

export interface MemberFile {
  householdId: string;
  memberNumber: string;
  contract: { coverageLevel: string; coverageStart: string; coverageEnd: string | null; premiumMonthlyCents: number };
  email: string | null;
  people: {
    id: string;
    firstName: string;
    lastName: string;
    role: "member" | "spouse" | "child" | "other";
    birthDate: string;
    /** The NIR, masked ("18409 •••••••• 57"), when known: the whole number never leaves the database in clear. */
    nirMasked: string | null;
    coverageStart: string;
    coverageEnd: string | null;
    /** The person asked for the confidentiality of their care (the holder sees only amounts for them). */
    careConfidential: boolean;
    /** The person signs in with their own access. */
    ownAccess: boolean;
  }[];
  /** Masked only: the whole IBAN never leaves the banking module. */
  bankAccounts: { usedFor: string; holderName: string; ibanMasked: string }[];
  pendingBankChanges: { usedFor: string; ibanMasked: string; requestedAt: Date; effectiveAt: Date }[];
  requests: { id: string; reference: string; kind: string; careType: string | null; status: string; createdAt: Date }[];
  payments: {
    id: string;
    careType: string;
    careDate: string;
    paymentDate: string;
    amcCents: number;
    beneficiary: string;
    /** The guarantee engine's check of an imported line (ADR 0020). */
    pricingCheck: PricingCheckView;
  }[];
  threads: { id: string; category: string; subject: string; status: "open" | "answered"; lastMessageAt: Date }[];
}

const latest = 10;

/** The member's summary, or null for an unknown numéro. The view is audited ("backoffice.member_view"). */
export async function getMemberFile(
  db: Db,
  advisor: AdvisorViewer,
  memberNumber: string,
  ipAddress: string | null = null,
): Promise<MemberFile | null> {
  const [h] = await db
    .select({
      id: household.id,
      memberNumber: household.memberNumber,
      coverageLevel: household.coverageLevel,
      coverageStart: household.coverageStart,
      coverageEnd: household.coverageEnd,
      premiumMonthlyCents: household.premiumMonthlyCents,
      bankAccountId: household.bankAccountId,
    })
    .from(household)
    .where(eq(household.memberNumber, memberNumber));
  if (!h) return null;
  // Written before anything is read: a view that fails half-way is still a view.
  await recordAdvisorAccess(db, advisor, h.id, "member_file", ipAddress);

  const [people, requests, payments, threads, changes] = await Promise.all([
    db
      .select({
        id: person.id,
        firstName: person.firstName,
        lastName: person.lastName,
        role: person.role,
        birthDate: person.birthDate,
        nirMasked: person.nirMasked,
        coverageStart: person.coverageStart,
        coverageEnd: person.coverageEnd,
        careConfidential: person.careConfidential,
        ownAccess: sql<boolean>`${person.userId} is not null`,
        bankAccountId: person.bankAccountId,
        email: user.email,
      })
      .from(person)
      .leftJoin(user, eq(user.id, person.userId))
      .where(eq(person.householdId, h.id))
      .orderBy(sql`${person.role} <> 'member'`, asc(person.birthDate)),
    db
      .select({
        id: memberRequest.id,
        reference: memberRequest.reference,
        kind: memberRequest.kind,
        careType: memberRequest.careType,
        status: memberRequest.status,
        createdAt: memberRequest.createdAt,
      })
      .from(memberRequest)
      .where(eq(memberRequest.householdId, h.id))
      .orderBy(desc(memberRequest.createdAt), desc(memberRequest.id))
      .limit(latest),
    db
      .select({
        id: reimbursementLine.id,
        careType: reimbursementLine.careType,
        careDate: reimbursementLine.careDate,
        paymentDate: reimbursementLine.paymentDate,
        amcCents: reimbursementLine.amcCents,
        check: reimbursementLine.pricingCheck,
        review: reimbursementLine.pricingReview,
        firstName: person.firstName,
        lastName: person.lastName,
      })
      .from(reimbursementLine)
      .innerJoin(person, eq(person.id, reimbursementLine.beneficiaryId))
      .where(eq(reimbursementLine.householdId, h.id))
      .orderBy(desc(reimbursementLine.paymentDate), desc(reimbursementLine.id))
      .limit(latest),
    db
      .select({
        id: messageThread.id,
        category: messageThread.category,
        subject: messageThread.subject,
        status: messageThread.status,
        lastMessageAt: messageThread.lastMessageAt,
      })
      .from(messageThread)
      .where(eq(messageThread.householdId, h.id))
      .orderBy(desc(messageThread.lastMessageAt))
      .limit(latest),
    db
      .select({
        personId: bankChange.personId,
        ibanMasked: bankAccount.ibanMasked,
        requestedAt: bankChange.requestedAt,
        effectiveAt: bankChange.effectiveAt,
      })
      .from(bankChange)
      .innerJoin(bankAccount, eq(bankAccount.id, bankChange.newBankAccountId))
      .where(and(eq(bankChange.householdId, h.id), eq(bankChange.status, "pending")))
      .orderBy(asc(bankChange.effectiveAt)),
  ]);

  const nameOf = (personId: string | null) => {
    const p = people.find((x) => x.id === personId);
    return p ? `${p.firstName} ${p.lastName}` : "";
  };
  const accountIds = [h.bankAccountId, ...people.map((p) => p.bankAccountId)].filter((id): id is string => id !== null);
  const accounts = accountIds.length
    ? await db
        .select({ id: bankAccount.id, holderName: bankAccount.holderName, ibanMasked: bankAccount.ibanMasked })
        .from(bankAccount)
        .where(and(eq(bankAccount.householdId, h.id), inArray(bankAccount.id, accountIds)))
    : [];
  const account = (id: string | null) => accounts.find((a) => a.id === id);
  const bankAccounts: MemberFile["bankAccounts"] = [];
  const contractAccount = account(h.bankAccountId);
  if (contractAccount)
    bankAccounts.push({
      usedFor: "Contrat (cotisations et remboursements de l'adhérent)",
      holderName: contractAccount.holderName,
      ibanMasked: contractAccount.ibanMasked,
    });
  for (const p of people) {
    const own = p.bankAccountId && p.bankAccountId !== h.bankAccountId ? account(p.bankAccountId) : undefined;
    if (own)
      bankAccounts.push({
        usedFor: `Remboursements de ${p.firstName} ${p.lastName}`,
        holderName: own.holderName,
        ibanMasked: own.ibanMasked,
      });
  }

  return {
    householdId: h.id,
    memberNumber: h.memberNumber,
    contract: {
      coverageLevel: h.coverageLevel,
      coverageStart: h.coverageStart,
      coverageEnd: h.coverageEnd,
      premiumMonthlyCents: h.premiumMonthlyCents,
    },
    email: people.find((p) => p.role === "member")?.email ?? null,
    people: people.map(({ bankAccountId: _account, email: _email, ...p }) => p),
    bankAccounts,
    pendingBankChanges: changes.map((c) => ({
      usedFor: c.personId
        ? `Remboursements de ${nameOf(c.personId)}`
        : "Contrat (cotisations et remboursements de l'adhérent)",
      ibanMasked: c.ibanMasked,
      requestedAt: c.requestedAt,
      effectiveAt: c.effectiveAt,
    })),
    requests,
    payments: payments.map(({ firstName, lastName, check, review, ...p }) => ({
      ...p,
      beneficiary: `${firstName} ${lastName}`,
      pricingCheck: pricingCheckView(check, review, p.amcCents),
    })),
    threads,
  };
}

/** The household's logins locked by the hard ceiling of failed sign-ins (account-lock.server.ts). */
export async function lockedLogins(db: Db, memberNumber: string) {
  return db
    .select({
      personId: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      since: accountLock.lockedAt,
    })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .innerJoin(accountLock, eq(accountLock.userId, person.userId))
    .where(eq(household.memberNumber, memberNumber))
    .orderBy(asc(person.birthDate));
}

/**
 * An advisor unlocks the login of one person of the household (after checking who is calling): only a person
 * of this member's household, whatever the form says.
 */
export async function unlockMemberLogin(
  { db, limiter }: { db: Db; limiter: SignInLimiter },
  advisor: AdvisorViewer,
  memberNumber: string,
  personId: string,
  ip: string,
): Promise<void> {
  const [target] = !uuidPattern.test(personId)
    ? []
    : await db
        .select({ userId: person.userId })
        .from(person)
        .innerJoin(household, eq(household.id, person.householdId))
        .where(and(eq(household.memberNumber, memberNumber), eq(person.id, personId)));
  if (!target?.userId || !(await unlockByAdvisor({ db, limiter }, advisor, target.userId, ip)))
    throw new AppError("not_locked", "Cette connexion n'est pas suspendue (ou vient d'être débloquée).", 409);
}
