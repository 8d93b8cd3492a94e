// Public API of the guarantee engine: pure code, safe for any module (server or browser).
// The file loader lives in index.server.ts (it reads the disk).
export type {
  BeneficiaryFacts,
  CareAct,
  CounterPeriod,
  EarSide,
  ForfaitPool,
  GuaranteeCatalog,
  GuaranteeLevel,
  GuaranteeLine,
  GuaranteeProduct,
  GuaranteeRule,
  GuaranteeTable,
  Limit,
  LimitKind,
  PastAct,
  PractitionerKind,
  ReimbursementInput,
  ReimbursementResult,
  RenewalRule,
  RuleKind,
  UsageCounter,
  WaitingPeriod,
} from "./model.ts";
export { earSides, ruleKinds } from "./model.ts";
export type { CareDomain, CategoryCode, CategoryInfo } from "./categories.ts";
export { categories, categoryCodes, categoryLabel, domainLabels, isCategoryCode, lineLabel } from "./categories.ts";
export { computeReimbursement, findLine } from "./compute.ts";
export { usageCounters } from "./counters.ts";
export { percentOfCents } from "./money.ts";
export { findOverlaps, levelInForce, selectLevelTable, selectTableVersion } from "./versions.ts";
export type { FormerLevel } from "./versions.ts";
export type { ParseResult, TableIssue } from "./table-file.ts";
export { GuaranteeTableError, parseGuaranteeTables } from "./table-file.ts";
