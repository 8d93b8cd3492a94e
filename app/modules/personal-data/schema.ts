import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
  ],
);
