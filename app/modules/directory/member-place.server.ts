// The member's own place (the contract's postal address), the search's default point.
import { eq } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { household } from "../households/schema.ts";
import { type Place, placeOfAddress } from "./communes.ts";

export async function memberPlace(db: Db, viewer: Pick<MemberViewer, "householdId">): Promise<Place | null> {
  const [home] = await db
    .select({ postcode: household.postalCode, city: household.city })
    .from(household)
    .where(eq(household.id, viewer.householdId));
  return home ? placeOfAddress(home.postcode, home.city) : null;
}
