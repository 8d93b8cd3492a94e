// The scale-out bench's clients and meters: the claim scenario's uploading members, passwords for the sign-in
// scenario, and the CPU the bench database's PostgreSQL backends spend (from /proc).
import { hashPassword } from "../../app/modules/accounts/passwords.server.ts";
import { connect } from "./databases.ts";
import { readCpuMs, type Target } from "./load.ts";
import { percentile } from "./machine.ts";
import type { BenchMember } from "./members.ts";

const signInPassword = "mot de passe du banc d'essai 2026";
const signInLogins = 100;

/** CPU time (ms) of each PostgreSQL backend serving the bench database, by pid (the machine's PostgreSQL is shared). */
export async function backendCpu(sql: import("pg").Client): Promise<Map<number, number>> {
  const { rows } = await sql.query<{ pid: number }>(
    "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, readCpuMs(pid));
    } catch {
      // the backend ended meanwhile
    }
  }
  return cpu;
}

/** CPU the bench database's backends spent between two readings (a backend opened meanwhile counts whole). */
export function backendCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/** A date a few days ago, Paris time, for the claim's care date (the servers run on the real clock). */
export function recentCareDate(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(Date.now() - 5 * 86_400_000));
}

/** Claims started and one file attached to each, by `uploaders` clients at once, for `seconds`. */
export async function claimsWithAttachment(
  baseUrl: string,
  members: BenchMember[],
  secondsToRun: number,
  uploaders: number,
) {
  const pdf = Buffer.concat([
    Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
    Buffer.alloc(256 * 1024, 0x20),
    Buffer.from("\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
  ]);
  const careDate = recentCareDate();
  const deadline = performance.now() + secondsToRun * 1000;
  const started = performance.now();
  const times: number[] = [];
  let errors = 0;
  let next = Math.floor(Math.random() * members.length);
  const worker = async () => {
    while (performance.now() < deadline) {
      const m = members[next++ % members.length]!;
      const t0 = performance.now();
      try {
        const draft = await fetch(`${baseUrl}/demandes/nouvelle`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: m.cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            intent: "details",
            beneficiaryId: m.beneficiaryId,
            careType: "osteopathie",
            lieu: "france",
            careDate,
            amount: "60,00",
          }).toString(),
        });
        await draft.arrayBuffer();
        const location = draft.headers.get("location") ?? "";
        if (draft.status !== 302 || !location.includes("brouillon=")) throw new Error(`draft ${draft.status}`);
        const form = new FormData();
        form.append("fichiers", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "facture.pdf");
        const upload = await fetch(`${baseUrl}${location}`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: m.cookie },
          body: form,
        });
        await upload.arrayBuffer();
        if (upload.status !== 302) throw new Error(`upload ${upload.status}`);
        times.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: uploaders }, worker));
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    rps: times.length / elapsed,
    p50: times.length ? percentile(times, 50) : 0,
    p99: times.length ? percentile(times, 99) : 0,
    errors,
  };
}

/** Gives the first `signInLogins` bench members a password (one Argon2id hash, shared): sign-in needs one. */
export async function givePasswords(url: string, members: BenchMember[]): Promise<Target[]> {
  const hash = await hashPassword(signInPassword);
  const client = await connect(url);
  const chosen = members.slice(0, signInLogins);
  try {
    const users = chosen.map((m) => `bench-user-${m.index}`);
    await client.query("delete from account where user_id like 'bench-user-%' and provider_id = 'credential'");
    await client.query(
      `insert into account (id, account_id, provider_id, user_id, password)
       select 'bench-account-' || u, u, 'credential', u, $2 from unnest($1::text[]) u`,
      [users, hash],
    );
    const { rows } = await client.query<{ username: string }>(
      `select username from "user" where id = any($1::text[])`,
      [users],
    );
    return rows.map((r) => ({
      path: "/connexion",
      form: new URLSearchParams({ identifier: r.username, password: signInPassword }).toString(),
    }));
  } finally {
    await client.end();
  }
}

/** The lower median, as the bench takes it for its alternating pairs. */
