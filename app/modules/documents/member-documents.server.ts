// The generated documents of the signed-in household, each built from current data when asked for.
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Brand } from "../config/brand.server.ts";
import type { Db } from "../db/client.server.ts";
import { buildCard, type CardData, cardStatus, cardYears } from "./card.ts";
import { getContractFacts } from "./queries.server.ts";
import { taxCertificateYears } from "./tax-certificate.ts";

export async function getCard(
  db: Db,
  brand: Brand,
  viewer: MemberViewer,
  year: number,
  today: string,
): Promise<CardData | null> {
  const facts = await getContractFacts(db, viewer);
  return buildCard({
    year,
    today,
    nextYearFrom: brand.tiersPayantCard.nextYearFrom,
    memberNumber: facts.memberNumber,
    contract: facts,
    people: facts.people,
    amc: brand.amc,
  });
}

export async function listAvailableDocuments(db: Db, viewer: MemberViewer, today: string, nextYearCardFrom?: string) {
  const facts = await getContractFacts(db, viewer);
  const year = Number(today.slice(0, 4));
  return {
    cards: cardYears(facts, today, nextYearCardFrom).map((y) => ({
      year: y,
      status: cardStatus(y, today),
      validTo: facts.coverageEnd && facts.coverageEnd < `${y}-12-31` ? facts.coverageEnd : `${y}-12-31`,
    })),
    scheduleYears: cardYears(facts, today).filter((y) => y >= year - 1),
    taxCertificateYears: taxCertificateYears(facts, today),
    coverageLevel: facts.coverageLevel,
  };
}
