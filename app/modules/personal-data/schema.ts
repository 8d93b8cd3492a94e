import { sql } from "drizzle-orm";
import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";
import { household } from "../households/schema.ts";

export const exportStatuses = ["pending", "preparing", "ready", "failed"] as const;

// "Télécharger mes données": one archive of everything held about the household, prepared in the background
// (export.server.ts), downloadable by the member for EXPORT_RETENTION_DAYS, then deleted with its row.
export const dataExport = pgTable(
  "data_export",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by").references(() => user.id, { onDelete: "set null" }),
    status: text("status", { enum: exportStatuses }).notNull().default("pending"),
    // The archive's random name in UPLOAD_DIR/exports once ready.
    storedName: text("stored_name").unique(),
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    // Set when a server takes it: another one started after a crash only after a while (see export.server.ts).
    startedAt: timestamp("started_at", { withTimezone: true }),
    readyAt: timestamp("ready_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    index("data_export_household_idx").on(t.householdId, t.requestedAt),
    index("data_export_status_idx").on(t.status),
    // One archive under way per household: two quick posts that both found none cannot both insert one
    // (requestExport answers the second with the first). A ready archive is not covered (its validity depends
    // on the time; the check before the insert keeps a valid one from being asked again).
    uniqueIndex("data_export_household_open_unique")
      .on(t.householdId)
      .where(sql`${t.status} in ('pending', 'preparing')`),
  ],
);
