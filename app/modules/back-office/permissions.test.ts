import { describe, expect, it } from "vitest";
import { advisorRoles, can, isRaise, type Permission, permissionTable } from "./permissions.ts";

// Every cell of the table, written out: a change to who may do what must change this test too.
const expected: Record<Permission, Record<(typeof advisorRoles)[number], boolean>> = {
  "requests.handle": { conseiller: true, gestionnaire: true, administrateur: true },
  "claims.override_amount": { conseiller: false, gestionnaire: true, administrateur: true },
  "messages.handle": { conseiller: true, gestionnaire: true, administrateur: true },
  "members.view": { conseiller: true, gestionnaire: true, administrateur: true },
  "banking.propose": { conseiller: true, gestionnaire: true, administrateur: true },
  "banking.approve": { conseiller: false, gestionnaire: true, administrateur: true },
  "beneficiaries.decide": { conseiller: false, gestionnaire: true, administrateur: true },
  "data_rights.decide": { conseiller: false, gestionnaire: true, administrateur: true },
  "contracts.decide": { conseiller: false, gestionnaire: true, administrateur: true },
  "admin.manage": { conseiller: false, gestionnaire: false, administrateur: true },
};

describe("permission table", () => {
  it("lists exactly the permissions this test knows", () => {
    expect(Object.keys(permissionTable).sort()).toEqual(Object.keys(expected).sort());
  });
  for (const [permission, row] of Object.entries(expected)) {
    for (const role of advisorRoles) {
      it(`${role} ${row[role] ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission as Permission)).toBe(row[role]);
      });
    }
  }
});

describe("raising a role", () => {
  it("is any move towards administrateur, never a move down or to the same role", () => {
    expect(isRaise("conseiller", "gestionnaire")).toBe(true);
    expect(isRaise("conseiller", "administrateur")).toBe(true);
    expect(isRaise("gestionnaire", "administrateur")).toBe(true);
    expect(isRaise("administrateur", "gestionnaire")).toBe(false);
    expect(isRaise("gestionnaire", "conseiller")).toBe(false);
    expect(isRaise("gestionnaire", "gestionnaire")).toBe(false);
  });
});
