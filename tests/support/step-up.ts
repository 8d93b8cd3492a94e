// Proving one's identity again in tests, the way a person does: password, then the code from the e-mail
// (or from the authenticator app when one is enrolled). And the advisor's mandatory enrolment.
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { type TestClient, demo } from "./http-client.ts";
import { lastMailTo } from "./outbox.ts";

export async function stepUpByEmail(
  client: TestClient,
  dataDir: string,
  email: string,
  password: string,
): Promise<void> {
  const first = await client.post("/mon-compte/verification", { password });
  if (first.status !== 302) throw new Error(`step-up password refused (${first.status})`);
  const code = /code de confirmation : (\d{6})/.exec(lastMailTo(dataDir, email).subject)?.[1];
  if (!code) throw new Error("no step-up code in the outbox");
  const second = await client.post("/mon-compte/verification", { intent: "email-code", code });
  if (second.status !== 302) throw new Error(`step-up code refused (${second.status})`);
}

const periodMs = 30_000;
const lastStepUsed = new Map<string, number>();

/** The code of a base32 secret (as shown on the enrolment page) for a given 30-second step. */
export function totpAt(secretBase32: string, step: number): Promise<string> {
  return createOTP(base32.decode(secretBase32.replace(/\s+/g, "")), { digits: 6, period: 30 }).hotp(step);
}

/** Forgets which steps were used (after a test reset the server's record, to spare waiting for the clock). */
export function forgetUsedTotpSteps(secretBase32: string): void {
  lastStepUsed.delete(secretBase32.replace(/\s+/g, ""));
}

/**
 * A code the server has not seen yet, as a person would type the next one their app shows: the server refuses
 * a step already used (replay), and accepts one step either side of now. So successive calls take successive
 * steps, from the previous one (when well inside the current step) to the next one, and wait for the clock
 * only past that.
 */
export async function totpFor(secretBase32: string): Promise<string> {
  const key = secretBase32.replace(/\s+/g, "");
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / periodMs);
    const msLeft = (current + 1) * periodMs - now;
    const earliest = msLeft > 5_000 ? current - 1 : current;
    const step = Math.max(earliest, (lastStepUsed.get(key) ?? -Infinity) + 1);
    if (step <= current + 1) {
      lastStepUsed.set(key, step);
      return totpAt(key, step);
    }
    await new Promise((r) => setTimeout(r, msLeft + 50));
  }
}

/** Enrols TOTP for the signed-in client (step-up done by e-mail first). Returns the base32 secret. */
export async function enrolTotp(
  client: TestClient,
  dataDir: string,
  email: string,
  password: string,
): Promise<{ secret: string; backupCodes: string[] }> {
  await stepUpByEmail(client, dataDir, email, password);
  const page = await (await client.post("/mon-compte/double-authentification", { intent: "start" })).text();
  const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page)?.[1];
  if (!secret) throw new Error("no TOTP secret on the enrolment page");
  const backupCodes = [...page.matchAll(/<li><code>([A-Za-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
  const confirmed = await client.post("/mon-compte/double-authentification", {
    intent: "confirm",
    code: await totpFor(secret),
  });
  if (confirmed.status !== 302) throw new Error(`TOTP confirmation refused (${confirmed.status})`);
  return { secret, backupCodes };
}

const advisorSecrets = new Map<string, string>();
const advisorBackupCodes = new Map<string, string[]>();

/**
 * Signs the demo advisor in, with the mandatory second factor: the first time on a server it enrols an
 * authenticator (as a new advisor would), then it answers the code prompt.
 */
export async function signInAdvisor(
  client: TestClient,
  dataDir: string,
  who: { username: string; email: string; password: string } = demo.advisor,
): Promise<void> {
  const { username, password, email } = who;
  const first = await client.signIn(username, password);
  const location = first.headers.get("location") ?? "";
  const secret = advisorSecrets.get(`${dataDir}:${username}`);
  if (location.startsWith("/connexion/code")) {
    if (!secret) throw new Error("advisor has a second factor this helper does not know");
    const done = await client.post("/connexion/code", { code: await totpFor(secret) });
    if (done.status !== 302) throw new Error(`advisor code refused (${done.status})`);
    return;
  }
  if (first.status !== 302) throw new Error(`advisor sign-in refused (${first.status})`);
  const enrolled = await enrolTotp(client, dataDir, email, password);
  advisorSecrets.set(`${dataDir}:${username}`, enrolled.secret);
  advisorBackupCodes.set(`${dataDir}:${username}`, enrolled.backupCodes);
}

/**
 * Step-up for an advisor signed in with signInAdvisor: the password and one of their recovery codes (each
 * used once), so that no TOTP code is given twice in the same 30 seconds.
 */
export async function stepUpAdvisor(
  client: TestClient,
  dataDir: string,
  who: { username: string; password: string },
): Promise<void> {
  const code = takeRecoveryCode(dataDir, who.username);
  const done = await client.post("/mon-compte/verification", { password: who.password, code });
  if (done.status !== 302) throw new Error(`advisor step-up refused (${done.status})`);
}

/** One of the recovery codes shown when signInAdvisor enrolled this advisor, never given before. */
export function takeRecoveryCode(dataDir: string, username: string): string {
  const code = advisorBackupCodes.get(`${dataDir}:${username}`)?.shift();
  if (!code) throw new Error("no recovery code left for this advisor");
  return code;
}

/** Forgets what signInAdvisor knows of an advisor whose second factor was reset. */
export function forgetAdvisorSecondFactor(dataDir: string, username: string): void {
  advisorSecrets.delete(`${dataDir}:${username}`);
  advisorBackupCodes.delete(`${dataDir}:${username}`);
}
