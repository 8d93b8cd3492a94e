// The two bare-Node baselines the pages are compared with, run as their own process like the real server:
//   node scripts/bench/baseline-server.ts json PORT           a fixed JSON answer (the machine's HTTP limit)
//   node scripts/bench/baseline-server.ts data PORT DB_URL    the dashboard's own SQL through pg, as JSON (the data limit)
// The data endpoint does per request what the dashboard does in the database, with no framework around it:
// the session looked up by the cookie's token, its user, the member and household behind it (the viewer),
// then the dashboard loader's queries, in parallel as the loader runs them. The loader's SQL is not copied by
// hand: it is captured once at start from the app's own query functions, then replayed through pg with each
// member's household id.
import { createServer } from "node:http";
import pg from "pg";
import { openDatabase } from "../../app/modules/db/client.server.ts";
import type { MemberViewer } from "../../app/modules/accounts/viewer.server.ts";
import { listDashboardDocuments } from "../../app/modules/documents/queries.server.ts";
import { listLatestPayments } from "../../app/modules/reimbursements/queries.server.ts";
import { listRequests } from "../../app/modules/requests/queries.server.ts";

const [mode, portText, databaseUrl] = process.argv.slice(2);
const port = Number(portText);
/** The household whose id the captured statements carry; replaced by each member's. */
let sampleHousehold = "";

if (mode === "json") {
  const body = JSON.stringify({ status: "ok", message: "Bonjour" });
  createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  }).listen(port, "127.0.0.1", () => console.log("ready"));
} else if (mode === "data" && databaseUrl) {
  const queries = await captureDashboardQueries(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  createServer(async (req, res) => {
    try {
      const cookie = /espace\.session_token=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
      const token = cookie ? decodeURIComponent(cookie).split(".")[0] : undefined;
      const session = token ? (await pool.query(`select * from "session" where "token" = $1 limit 1`, [token])).rows[0] : undefined;
      if (!session) return void res.writeHead(302, { Location: "/connexion" }).end();
      const user = (await pool.query(`select * from "user" where "id" = $1 limit 1`, [session.user_id])).rows[0];
      const member = (
        await pool.query(
          `select p.id, p.household_id, p.first_name, p.last_name, h.member_number, h.coverage_level from person p
           join household h on h.id = p.household_id where p.user_id = $1 and p.role = 'member' limit 1`,
          [user.id],
        )
      ).rows[0];
      const results = await Promise.all(
        queries.map(async (group) => {
          const out = [];
          for (const q of group) out.push((await pool.query({ text: q.sql, values: q.params.map((p) => (p === sampleHousehold ? member.household_id : p)), rowMode: "array" })).rows);
          return out;
        }),
      );
      const body = JSON.stringify({ member, results });
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  }).listen(port, "127.0.0.1", () => console.log("ready"));
} else {
  console.error("usage: baseline-server.ts json PORT | data PORT DATABASE_URL");
  process.exit(2);
}

/** Runs the dashboard loader's functions once (app/routes/accueil.tsx) and keeps their SQL: one list of statements per function. */
async function captureDashboardQueries(url: string): Promise<{ sql: string; params: unknown[] }[][]> {
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  const { rows } = await probe.query<{ id: string; household_id: string }>(`select id, household_id from person where role = 'member' limit 1`);
  await probe.end();
  sampleHousehold = rows[0]!.household_id;
  const viewer: MemberViewer = { kind: "member", userId: "", sessionId: "", householdId: sampleHousehold, personId: rows[0]!.id, memberNumber: "", coverageLevel: "", firstName: "", lastName: "" };
  let current: { sql: string; params: unknown[] }[] = [];
  const database = await openDatabase({ databaseUrl: url, poolMax: 1, onQuery: (sql, params) => current.push({ sql, params }) });
  const groups: { sql: string; params: unknown[] }[][] = [];
  for (const run of [(db: typeof database.db, v: MemberViewer) => listRequests(db, v, 2), (db: typeof database.db, v: MemberViewer) => listLatestPayments(db, v, 3), listDashboardDocuments]) {
    current = [];
    await run(database.db, viewer);
    groups.push(current);
  }
  await database.close();
  return groups;
}
