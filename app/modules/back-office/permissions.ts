// Who may do what in the back-office: one table, read by the guards and by the pages (to hide what an advisor
// cannot do). Tested cell by cell. Pure.

export const advisorRoles = ["conseiller", "gestionnaire", "administrateur"] as const;
export type AdvisorRole = (typeof advisorRoles)[number];

export const advisorRoleLabels: Record<AdvisorRole, string> = {
  conseiller: "Conseiller",
  gestionnaire: "Gestionnaire",
  administrateur: "Administrateur",
};

/** Raising a role (towards administrateur) needs a second administrateur's approval; lowering one does not. */
export function isRaise(from: AdvisorRole, to: AdvisorRole): boolean {
  return advisorRoles.indexOf(to) > advisorRoles.indexOf(from);
}

const all: readonly AdvisorRole[] = advisorRoles;
const managers: readonly AdvisorRole[] = ["gestionnaire", "administrateur"];

export const permissionTable = {
  /** See and take the queues, read a member's file, ask for a document, accept or refuse at the proposed amount. */
  "requests.handle": all,
  /** Accept a claim at another amount than the guarantee engine's (with a mandatory reason). */
  "claims.override_amount": managers,
  /** Answer the messagerie. */
  "messages.handle": all,
  /** Search members and open their summary. */
  "members.view": all,
  /** Enter a new RIB for a member (after a phone call): it waits for a second person's approval. */
  "banking.propose": all,
  /** Approve a RIB entered by another advisor (four eyes), or block a member's own change on suspicion. */
  "banking.approve": managers,
  /** Accept or refuse adding or removing a beneficiary (it changes who is covered). */
  "beneficiaries.decide": managers,
  /** Accept an erasure, restriction or objection request on personal data (an erasure deletes data). */
  "data_rights.decide": managers,
  /** Accept a change of level or a résiliation (it changes the contract and its price). */
  "contracts.decide": managers,
  /** Advisor accounts, guarantee tables, categories, news. */
  "admin.manage": ["administrateur"],
} as const satisfies Record<string, readonly AdvisorRole[]>;

export type Permission = keyof typeof permissionTable;

export function can(role: AdvisorRole, permission: Permission): boolean {
  return (permissionTable[permission] as readonly AdvisorRole[]).includes(role);
}
