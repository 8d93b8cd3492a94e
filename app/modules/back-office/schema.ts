// Advisor accounts under four eyes: creating an advisor, or raising a role to gestionnaire or administrateur,
// is a proposal that a second administrateur approves. Rows stay once decided: they are the record of who
// brought each account in or promoted it, which four-eyes approvals read (advisor-links.server.ts).
import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";

// "reactivate": an administrateur account deactivated and brought back (it regains every power of the role).
export const advisorProposalKinds = ["create", "role", "reactivate"] as const;
export const advisorProposalStatuses = ["pending", "approved", "refused", "cancelled"] as const;
const roles = ["conseiller", "gestionnaire", "administrateur"] as const;

export const advisorProposal = pgTable(
  "advisor_proposal",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: advisorProposalKinds }).notNull(),
    status: text("status", { enum: advisorProposalStatuses }).notNull().default("pending"),
    // The account: from the start for a role change, once approved for a creation.
    advisorId: text("advisor_id").references(() => user.id, { onDelete: "set null" }),
    // A creation's identity, as typed by the proposer (login and e-mail in lower case).
    name: text("name"),
    username: text("username"),
    email: text("email"),
    role: text("role", { enum: roles }).notNull(),
    // A role change applies only if the account still has the role it had when proposed.
    previousRole: text("previous_role", { enum: roles }),
    proposedBy: text("proposed_by").references(() => user.id, { onDelete: "set null" }),
    proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text("decided_by").references(() => user.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    index("advisor_proposal_advisor_idx").on(t.advisorId),
    index("advisor_proposal_status_idx").on(t.status, t.proposedAt),
    // One open proposal per login, per address and per account: two admins cannot race two versions.
    uniqueIndex("advisor_proposal_pending_username_idx")
      .on(t.username)
      .where(sql`${t.status} = 'pending'`),
    uniqueIndex("advisor_proposal_pending_email_idx")
      .on(t.email)
      .where(sql`${t.status} = 'pending'`),
    uniqueIndex("advisor_proposal_pending_advisor_idx")
      .on(t.advisorId)
      .where(sql`${t.status} = 'pending'`),
  ],
);
