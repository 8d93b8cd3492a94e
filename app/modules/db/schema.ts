// The one Drizzle schema: every module's tables, gathered for drizzle-kit and the typed client.
export * from "../accounts/schema.ts";
export * from "../audit/schema.ts";
export * from "../claims/schema.ts";
export * from "../documents/schema.ts";
export * from "../households/schema.ts";
export * from "../messaging/schema.ts";
export * from "../reimbursements/schema.ts";
export * from "../requests/schema.ts";
export * from "../banking/schema.ts";
export * from "../news/schema.ts";
export * from "../back-office/schema.ts";
export * from "../carers/schema.ts";
