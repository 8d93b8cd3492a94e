// A member's offer: their level and price, the other levels priced for their own household, and the two
// démarches on the contract (a change of level, a résiliation). Everything is scoped by the viewer's household;
// the back-office decides (back-office/decisions.server.ts).
import { openRequestStatuses } from "../requests/kinds.ts";
import { detailsOf, type LevelChangeDetails } from "../requests/details.ts";
import { and, desc, eq, inArray, isNotNull, isNull, gte, lte, or, sql } from "drizzle-orm";
import { addDays } from "../clock/calendar.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import type { GuaranteeCatalog } from "../guarantees/index.ts";
import { household, householdFormerLevel, person } from "../households/schema.ts";
import { newReference } from "../requests/reference.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { formatDate } from "../shared/format.ts";
import type { Insured, LevelTariff, TariffCatalog } from "./model.ts";
import { firstOfNextMonth, levelChangeEffectiveDate, priceHousehold, PricingError } from "./pricing.ts";
import { type LevelQuote, quoteLevels } from "./quote.ts";
import { inTransaction } from "../db/transaction.server.ts";

export interface Deps {
  db: Db;
  clock: Clock;
  tariffs: TariffCatalog;
  guarantees: GuaranteeCatalog;
}

const roleOf: Record<string, Insured["role"]> = {
  member: "subscriber",
  spouse: "spouse",
  child: "child",
  other: "other",
};

/** The level's tariff from the contract's stored level (its label, e.g. "Équilibre", or its id). */
export function tariffOfLevel(tariffs: TariffCatalog, level: string): LevelTariff | undefined {
  return tariffs.find((t) => t.label === level || t.level === level);
}

export async function readContract(db: Db, viewer: MemberViewer, today: string) {
  const [home] = await db
    .select({
      coverageLevel: household.coverageLevel,
      coverageStart: household.coverageStart,
      coverageEnd: household.coverageEnd,
      premiumMonthlyCents: household.premiumMonthlyCents,
      pendingLevel: household.pendingCoverageLevel,
      pendingFrom: household.pendingLevelFrom,
      pendingPremium: household.pendingPremiumMonthlyCents,
      postalCode: household.postalCode,
      memberNumber: household.memberNumber,
    })
    .from(household)
    .where(eq(household.id, viewer.householdId));
  const people = await db
    .select({ role: person.role, birthDate: person.birthDate, firstName: person.firstName, lastName: person.lastName })
    .from(person)
    .where(
      and(eq(person.householdId, viewer.householdId), or(isNull(person.coverageEnd), gte(person.coverageEnd, today))),
    )
    .orderBy(person.birthDate);
  // The subscriber first, as the pricing wants one.
  people.sort((a, b) => Number(b.role === "member") - Number(a.role === "member"));
  return { home: home!, people };
}

export async function openContractRequests(db: Db, viewer: MemberViewer) {
  return db
    .select({
      id: memberRequest.id,
      kind: memberRequest.kind,
      reference: memberRequest.reference,
      status: memberRequest.status,
      details: memberRequest.details,
    })
    .from(memberRequest)
    .where(
      and(
        eq(memberRequest.householdId, viewer.householdId),
        inArray(memberRequest.kind, ["level_change", "termination"]),
        inArray(memberRequest.status, [...openRequestStatuses]),
      ),
    )
    .orderBy(desc(memberRequest.createdAt));
}

export interface MemberOfferData {
  levelLabel: string;
  levelId: string | null;
  premiumMonthlyCents: number;
  coverageEnd: string | null;
  pricedOn: string;
  people: { name: string; role: string }[];
  quotes: LevelQuote[] | null;
  /** Why the levels could not be priced (no postcode on the contract…). */
  problem: string | null;
  pendingChange: { reference: string; toLabel: string; effectiveDate: string } | null;
  /** A change accepted in the back-office, taking effect on its date (until then the current level applies). */
  acceptedChange: { toLabel: string; effectiveDate: string } | null;
  pendingTermination: { reference: string; lastCoveredDay: string } | null;
}

export async function getMemberOffer(deps: Deps, viewer: MemberViewer): Promise<MemberOfferData> {
  const today = deps.clock.today();
  const { home, people } = await readContract(deps.db, viewer, today);
  const pricedOn = firstOfNextMonth(today);
  let quotes: LevelQuote[] | null = null;
  let problem: string | null = null;
  try {
    quotes = quoteLevels(deps.tariffs, deps.guarantees, {
      postalCode: home.postalCode ?? "",
      date: pricedOn,
      people: people.map((p) => ({ role: roleOf[p.role] ?? "other", birthDate: p.birthDate })),
    });
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    problem =
      error.code === "postcode"
        ? "Votre adresse n'a pas de code postal valide : mettez-la à jour dans Mon compte pour voir les tarifs."
        : error.message;
  }
  const open = await openContractRequests(deps.db, viewer);
  const change = open.find((r) => r.kind === "level_change");
  // Accepted, waiting for its date: shown as such, and no other change until then.
  const accepted =
    home.pendingLevel && home.pendingFrom ? { toLabel: home.pendingLevel, effectiveDate: home.pendingFrom } : null;
  const termination = open.find((r) => r.kind === "termination");
  return {
    levelLabel: home.coverageLevel,
    levelId: tariffOfLevel(deps.tariffs, home.coverageLevel)?.level ?? null,
    premiumMonthlyCents: home.premiumMonthlyCents,
    coverageEnd: home.coverageEnd,
    pricedOn,
    people: people.map((p) => ({ name: `${p.firstName} ${p.lastName}`, role: p.role })),
    quotes,
    problem,
    pendingChange: change
      ? {
          reference: change.reference,
          toLabel: detailsOf("level_change", change.details).toLabel,
          effectiveDate: detailsOf("level_change", change.details).effectiveDate,
        }
      : null,
    acceptedChange: accepted,
    pendingTermination: termination
      ? {
          reference: termination.reference,
          lastCoveredDay: detailsOf("termination", termination.details).lastCoveredDay,
        }
      : null,
  };
}

/** What a change to `target` would be: refused (with the reason) or its date and price for this household. */
export async function previewLevelChange(
  deps: Deps,
  viewer: MemberViewer,
  target: string,
): Promise<
  { ok: true; details: LevelChangeDetails; fromLabel: string } | { ok: false; message: string; status: number }
> {
  const tariff = deps.tariffs.find((t) => t.level === target);
  if (!tariff) return { ok: false, message: "Ce niveau n'existe pas.", status: 404 };
  const today = deps.clock.today();
  const { home, people } = await readContract(deps.db, viewer, today);
  const current = tariffOfLevel(deps.tariffs, home.coverageLevel);
  if (current?.level === tariff.level)
    return { ok: false, message: `Vous êtes déjà au niveau ${tariff.label}.`, status: 409 };
  if (home.coverageEnd)
    return { ok: false, message: "Votre contrat prend fin : son niveau ne peut plus changer.", status: 409 };
  const open = await openContractRequests(deps.db, viewer);
  if (open.some((r) => r.kind === "termination"))
    return { ok: false, message: "Une résiliation est en cours : le niveau ne peut plus changer.", status: 409 };
  const pending = open.find((r) => r.kind === "level_change");
  if (pending)
    return {
      ok: false,
      message: `Un changement de niveau est déjà en cours (${pending.reference}) : attendez la réponse de votre mutuelle.`,
      status: 409,
    };
  if (home.pendingLevel && home.pendingFrom)
    return {
      ok: false,
      message: `Votre passage au niveau ${home.pendingLevel} le ${formatDate(home.pendingFrom)} est accepté : vous pourrez changer de nouveau ensuite.`,
      status: 409,
    };
  const effectiveDate = levelChangeEffectiveDate(tariff, today, home.coverageStart);
  try {
    const price = priceHousehold(tariff, {
      postalCode: home.postalCode ?? "",
      date: effectiveDate,
      people: people.map((p) => ({ role: roleOf[p.role] ?? "other", birthDate: p.birthDate })),
    });
    return {
      ok: true,
      fromLabel: home.coverageLevel,
      details: {
        fromLevel: home.coverageLevel,
        toLevel: tariff.level,
        toLabel: tariff.label,
        effectiveDate,
        monthlyCents: price.monthlyCents,
      },
    };
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    return { ok: false, message: error.message, status: 422 };
  }
}

export async function requestLevelChange(
  deps: Deps,
  viewer: MemberViewer,
  target: string,
  ip: string,
): Promise<string> {
  const preview = await previewLevelChange(deps, viewer, target);
  if (!preview.ok) throw new AppError("level_change", preview.message, preview.status);
  const d = preview.details;
  const reference = newReference("NIV", Number(deps.clock.today().slice(0, 4)));
  await inTransaction(deps.db, async (tx) => {
    const [request] = await tx
      .insert(memberRequest)
      .values({
        reference,
        householdId: viewer.householdId,
        kind: "level_change",
        subject: `Passage au niveau ${d.toLabel} au ${formatDate(d.effectiveDate)}`,
        amountCents: d.monthlyCents,
        details: d,
      })
      .returning({ id: memberRequest.id });
    await tx.insert(requestEvent).values({ requestId: request!.id, status: "submitted", note: null });
  });
  await recordAudit(deps.db, {
    action: "contract.level_change_requested",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { reference, from: d.fromLevel, to: d.toLevel, effectiveDate: d.effectiveDate },
  });
  return reference;
}

/**
 * Changes of level accepted for a date now reached take effect: the contract's level and premium become the new
 * ones (the guarantee table follows the level). Run hourly by the job queue (contracts.level_changes); one
 * conditional update, harmless twice or on several servers. The former level is kept with its premium up to the
 * day before (the guarantee engine and the échéancier of those days read them). A contract that ends before the
 * change's date never takes it (accepting the résiliation cancels it: back-office/contract-decisions.server.ts).
 */
export async function applyDueLevelChanges(db: Db, today: string): Promise<number> {
  return inTransaction(db, async (tx) => {
    const due = await tx
      .select({
        id: household.id,
        level: household.coverageLevel,
        premium: household.premiumMonthlyCents,
        newLevel: household.pendingCoverageLevel,
        newPremium: household.pendingPremiumMonthlyCents,
        from: household.pendingLevelFrom,
      })
      .from(household)
      .where(
        and(
          lte(household.pendingLevelFrom, today),
          isNotNull(household.pendingCoverageLevel),
          isNotNull(household.pendingPremiumMonthlyCents),
          or(isNull(household.coverageEnd), gte(household.coverageEnd, household.pendingLevelFrom)),
        ),
      )
      .for("update", { skipLocked: true });
    if (due.length === 0) return 0;
    // The level and premium until the day before the change stay those of the care and the debits of those days
    // (a claim or an imported line decided later: guarantees/versions.ts levelInForce; the échéancier).
    const former = due.filter((d) => d.from && (d.newLevel !== d.level || d.newPremium !== d.premium));
    if (former.length > 0)
      await tx.insert(householdFormerLevel).values(
        former.map((d) => ({
          householdId: d.id,
          level: d.level,
          until: addDays(d.from!, -1),
          premiumMonthlyCents: d.premium,
        })),
      );
    await tx
      .update(household)
      .set({
        coverageLevel: sql`${household.pendingCoverageLevel}`,
        premiumMonthlyCents: sql`${household.pendingPremiumMonthlyCents}`,
        pendingCoverageLevel: null,
        pendingPremiumMonthlyCents: null,
        pendingLevelFrom: null,
      })
      .where(
        inArray(
          household.id,
          due.map((d) => d.id),
        ),
      );
    return due.length;
  });
}
