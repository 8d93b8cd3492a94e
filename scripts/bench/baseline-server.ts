// The two bare-Node baselines the pages are compared with, run as their own process like the real server:
//   node scripts/bench/baseline-server.ts json PORT           a fixed JSON answer (the machine's HTTP limit)
//   node scripts/bench/baseline-server.ts data PORT DB_URL    the dashboard's own SQL through pg, as JSON (the data limit)
// The data endpoint does per request what the dashboard does in the database, with no framework around it:
// the viewer's statement (session by the cookie's token, its login, member, household and unread count), then
// the dashboard loader's queries, in parallel as the loader runs them. No SQL is copied by hand: it is captured
// once at start from the app's own query functions, then replayed through pg with each member's token and
// household id.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import { openDatabase } from "../../app/modules/db/client.server.ts";
import type { MemberViewer } from "../../app/modules/accounts/viewer.server.ts";
import { readSessionRow } from "../../app/modules/accounts/session-read.server.ts";
import { readDashboardLists } from "../../app/modules/dashboard/dashboard.server.ts";

const [mode, portText, databaseUrl] = process.argv.slice(2);
const port = Number(portText);
/** The household whose id the captured statements carry; replaced by each member's. */
let sampleHousehold = "";
/** The token the captured session statement carries; replaced by each request's. */
const sampleToken = "baseline-sample-token";

if (mode === "json") {
  const body = JSON.stringify({ status: "ok", message: "Bonjour" });
  createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  }).listen(port, "127.0.0.1", () => {
    console.log("ready");
  });
} else if (mode === "data" && databaseUrl) {
  const { sessionQuery, queries } = await captureDashboardQueries(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // Node's server ignores the handler's promise: answer() catches everything itself.
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const cookie = /espace\.session_token=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
      const token = cookie ? decodeURIComponent(cookie).split(".")[0] : undefined;
      // The viewer's one statement (session, login, member, household, unread count), as the app runs it.
      const member = token
        ? (
            await pool.query({
              text: sessionQuery.sql,
              values: sessionQuery.params.map((p) => (p === sampleToken ? token : p)),
            })
          ).rows[0]
        : undefined;
      if (!member) {
        res.writeHead(302, { Location: "/connexion" }).end();
        return;
      }
      const results = await Promise.all(
        queries.map(async (group) => {
          const out = [];
          for (const q of group)
            out.push(
              (
                await pool.query({
                  text: q.sql,
                  values: q.params.map((p) => (p === sampleHousehold ? member.household_id : p)),
                  rowMode: "array",
                })
              ).rows,
            );
          return out;
        }),
      );
      const body = JSON.stringify({ member, results });
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  };
  createServer((req, res) => void answer(req, res)).listen(port, "127.0.0.1", () => {
    console.log("ready");
  });
} else {
  console.error("usage: baseline-server.ts json PORT | data PORT DATABASE_URL");
  process.exit(2);
}

/** Runs the dashboard loader's functions once (app/routes/accueil.tsx) and keeps their SQL: one list of statements per function. */
async function captureDashboardQueries(
  url: string,
): Promise<{ sessionQuery: { sql: string; params: unknown[] }; queries: { sql: string; params: unknown[] }[][] }> {
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  const { rows } = await probe.query<{ id: string; household_id: string }>(
    `select id, household_id from person where role = 'member' limit 1`,
  );
  await probe.end();
  sampleHousehold = rows[0]!.household_id;
  const viewer: MemberViewer = {
    kind: "member",
    userId: "",
    sessionId: "",
    householdId: sampleHousehold,
    personId: rows[0]!.id,
    memberNumber: "",
    coverageLevel: "",
    firstName: "",
    lastName: "",
    unreadMessages: 0,
  };
  let current: { sql: string; params: unknown[] }[] = [];
  const database = await openDatabase({
    databaseUrl: url,
    poolMax: 1,
    onQuery: (sql, params) => current.push({ sql, params }),
  });
  await readSessionRow(database.db, sampleToken);
  const sessionQuery = current[0]!;
  const groups: { sql: string; params: unknown[] }[][] = [];
  for (const run of [readDashboardLists]) {
    current = [];
    await run(database.db, viewer);
    groups.push(current);
  }
  await database.close();
  return { sessionQuery, queries: groups };
}
