// The rule "an id from the URL alone never fetches anything", checked rather than remembered (issue 18): every
// query on a household's table (one with a household_id column, and household itself) that picks rows by their
// id must also say whose they are, by the household or by the viewer's own user. A function serving a member
// (it takes a MemberViewer) has no exception. The system's jobs and the back-office's advisor functions act
// across households by design; each such query is listed below with why it is safe, so a new one is a
// decision, not an accident. A static reading of the source: it looks at each query statement's text.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");
const modules = join(root, "app", "modules");

/** Function (file › name) → why a query by id alone is safe there. */
const allowed: Record<string, string> = {
  "requests/status.server.ts › changeRequestStatus": "called with a request the caller already scoped",
  "back-office/queues.server.ts › takeRequest": "advisor: every household's queue, access recorded",
  "back-office/decisions.server.ts › decide": "advisor: the request read and recorded by getRequestForAdvisor",
  "personal-data/export.server.ts › prepareExport": "job: the archive row it was queued for",
  "banking/settle.server.ts › settle": "job: applies a change whose hold has ended",
  "banking/advisor-changes.server.ts › approveBankChange": "advisor (banking.approve), audited",
  "banking/advisor-changes.server.ts › blockBankChange": "advisor (banking.approve), audited",
  "back-office/request-file.server.ts › getRequestForAdvisor": "advisor: the démarche's beneficiary, access recorded",
  "households/own-access.server.ts › activateOwnAccess": "the invitation found by its secret link's hash",
  "households/own-access.server.ts › sendInvite": "the invitation row its caller found in the household",
  "households/own-access-requests.server.ts › settleOwnAccessRequestByAdvisor":
    "gestionnaire's queue of requests, audited",
  "back-office/fraud-signals.server.ts › fraudSignalsForRequest": "advisor: the démarche already opened and recorded",
  "back-office/request-file.server.ts › getRequestFileForAdvisor": "advisor: a file of a démarche, access recorded",
  "banking/advisor-changes.server.ts › loadChange": "advisor (banking.approve): the change under decision",
  "banking/rotate-key.server.ts › reencryptIbans": "command: re-encrypts every stored IBAN with the new key",
  "offer/rotate-key.server.ts › reencryptPersonNirs": "command: re-encrypts every stored NIR with the new key",
  "messaging/advisor.server.ts › viewThreadAsAdvisor": "advisor: any household's thread, access recorded",
  "messaging/advisor.server.ts › getMessageFileForAdvisor": "advisor: a file of a thread, access recorded",
  "offer/member-offer.server.ts › applyDueLevelChanges": "job: the contracts whose accepted change is due",
};

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

/** Tables whose rows belong to a household (household_id not null), read from each schema.ts; and household. */
function householdTables(): Set<string> {
  const names = new Set(["household"]);
  for (const file of filesUnder(modules, (n) => n === "schema.ts")) {
    const chunks = readFileSync(file, "utf8").split(/(?=export const \w+ = pgTable\()/);
    for (const chunk of chunks) {
      const name = /^export const (\w+) = pgTable\(/.exec(chunk)?.[1];
      // A row that belongs to a household (not one merely linked to one later, like a prospect's journey).
      if (name && /\bhouseholdId: uuid\("household_id"\)\s*\.notNull\(\)/.test(chunk)) names.add(name);
    }
  }
  return names;
}

interface Finding {
  where: string;
  line: number;
  table: string;
  memberFunction: boolean;
}

/** Queries picking a household table's rows by id without naming whose they are. */
function unscopedQueries(): Finding[] {
  const tables = householdTables();
  const findings: Finding[] = [];
  for (const file of filesUnder(modules, (n) => n.endsWith(".server.ts") && !n.endsWith(".test.ts"))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/\.(?:from|update|delete)\((\w+)\)/g)) {
      const table = match[1]!;
      if (!tables.has(table)) continue;
      const at = match.index;
      const start = Math.max(text.lastIndexOf(";", at), text.lastIndexOf("{\n", at));
      const end = text.indexOf(";", at);
      const statement = text.slice(start, end === -1 ? undefined : end);
      // Only the filter counts: a select list naming householdId scopes nothing (security review R8).
      const where = statement.slice(Math.max(0, statement.indexOf(".where(")));
      if (!statement.includes(".where(")) continue;
      if (!new RegExp(`(?:eq|inArray)\\(\\s*${table}\\.id\\s*,`).test(where)) continue;
      if (/householdId|household_id|memberNumber|viewer\.|userId/.test(where)) continue;
      // The enclosing function: the nearest declaration above, and whether it serves a member.
      const before = text.slice(0, at);
      const declarations = [...before.matchAll(/(?:function (\w+)\s*\(|(?:const|let) (\w+) = async)/g)];
      const last = declarations.at(-1);
      const name = last ? (last[1] ?? last[2]!) : "(module)";
      // The parameters: from the declaration to the body's opening brace.
      const signature = last ? (text.slice(last.index).split(/\)(?::[^{]*)?\s*(?:=>\s*)?\{\n/)[0] ?? "") : "";
      findings.push({
        where: `${relative(modules, file)} › ${name}`,
        line: before.split("\n").length,
        table,
        memberFunction: /MemberViewer/.test(signature),
      });
    }
  }
  return findings;
}

describe("household scoping of queries by id", () => {
  const findings = unscopedQueries();

  it("finds the household tables it must watch", () => {
    const tables = householdTables();
    for (const t of ["household", "person", "memberRequest", "reimbursementLine", "messageThread", "bankAccount"])
      expect(tables, t).toContain(t);
  });

  it("a function serving a member never picks a household's row by id alone", () => {
    expect(findings.filter((f) => f.memberFunction).map((f) => `${f.where}:${f.line} (${f.table})`)).toEqual([]);
  });

  it("every other query by id alone is a listed job or advisor function", () => {
    const unlisted = findings.filter((f) => !f.memberFunction && !(f.where in allowed));
    expect(unlisted.map((f) => `${f.where}:${f.line} (${f.table})`)).toEqual([]);
  });

  it("lists no function that no longer needs it", () => {
    const seen = new Set(findings.map((f) => f.where));
    expect(Object.keys(allowed).filter((w) => !seen.has(w))).toEqual([]);
  });
});
