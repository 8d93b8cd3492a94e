import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Who did what, when (UTC). Never secrets or health data: details hold codes and ids only.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: text("actor_user_id"),
    householdId: uuid("household_id"),
    action: text("action").notNull(),
    outcome: text("outcome", { enum: ["success", "failure", "denied"] }).notNull(),
    ipAddress: text("ip_address"),
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
    index("audit_log_household_idx").on(t.householdId, t.at),
    // An online adhesion has no household yet: its rows name it in details.journeyId (viewed, decided, a file
    // deleted as infected...), and the adhesion's page counts some of them.
    index("audit_log_journey_idx")
      .on(sql`(${t.details}->>'journeyId')`)
      .where(sql`(${t.details}->>'journeyId') is not null`),
  ],
);
