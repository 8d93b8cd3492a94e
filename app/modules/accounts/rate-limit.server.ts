// Sign-in throttling, stored in the database so every app server behind the load balancer shares it
// (rate-limiter-flexible's RateLimiterDrizzle: one atomic upsert per count, fixed windows).
//
// The lockout model (docs/account-security.md, "Lockout model"): only FAILED password checks count, in three
// buckets:
//   - per address: failures from one address whatever the accounts (credential stuffing, spraying);
//   - per (account, address): failures on one account from one address: past it, that address is refused
//     for that account;
//   - per account: failures on one account from every address: past it, only addresses that have not failed
//     on that account in the window may still try (one try each), so a stranger cannot lock the member out
//     of the account from the member's own, clean, address.
// An attempt refused by a bucket charges nothing. Accounts are keyed by their id (member number and e-mail
// share one bucket); an identifier that matches no account gets a bucket of its own, so unknown identifiers
// are refused exactly like known ones.
import { createHash } from "node:crypto";
import { isIPv6 } from "node:net";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { rateLimit } from "./schema.ts";

export interface Limit {
  points: number;
  durationSeconds: number;
}

export interface SignInLimits {
  /** Failed checks from one address, whatever the accounts. */
  perIp: Limit;
  /** Failed checks on one account from one address. */
  perAccountAndIp: Limit;
  /** Failed checks on one account from anywhere; past it, addresses that have failed on it are refused. */
  perAccount: Limit;
  /**
   * The hard ceiling: failed checks on one account from every address, over a longer window. Reaching it locks
   * the account (account-lock.server.ts) until its owner opens the mailed link or an advisor unlocks it.
   */
  accountCeiling?: Limit;
  /** "Mot de passe oublié" requests (each one sends a mail, so every request counts): per address, per account. */
  resetRequestsPerIp: Limit;
  resetRequestsPerAccount: Limit;
  /**
   * Writes anyone may make without an account and that keep something (a new adhesion journey, an attestation
   * uploaded to one), per network address: what one address can make the mutuelle store and scan.
   */
  prospectWritesPerIp?: Limit;
}

// An office or a family behind one IP mistypes a few times; a credential-stuffing run fails hundreds.
export const defaultSignInLimits: SignInLimits = {
  perIp: { points: 30, durationSeconds: 15 * 60 },
  perAccountAndIp: { points: 5, durationSeconds: 15 * 60 },
  perAccount: { points: 10, durationSeconds: 15 * 60 },
  // A member mistypes a few times a day; 50 failures in 24 hours from everywhere is a distributed guess.
  accountCeiling: { points: 50, durationSeconds: 24 * 60 * 60 },
  resetRequestsPerIp: { points: 30, durationSeconds: 15 * 60 },
  resetRequestsPerAccount: { points: 5, durationSeconds: 15 * 60 },
  // A household joining needs a few: one journey, an attestation or two (a second try on another device).
  prospectWritesPerIp: { points: 40, durationSeconds: 60 * 60 },
};

/** The bucket of an account: its id when the identifier matched one, else the identifier itself (hashed). */
export function accountKey(userId: string | null | undefined, typedIdentifier: string): string {
  if (userId) return `user:${userId}`;
  return `typed:${createHash("sha256").update(typedIdentifier.trim().toLowerCase()).digest("base64url")}`;
}

/**
 * One bucket per IPv4 address, per IPv6 /64 (one subscriber's network: counting each of its 2^64 addresses
 * apart would let one machine look like millions of clean addresses).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export interface SignInAttempt {
  /** Seconds to wait when the attempt is refused (nothing was counted then), else 0. */
  readonly refusedForSeconds: number;
  /** The password was right: the attempt does not count. */
  succeeded(): Promise<void>;
  /** The password was wrong: the attempt counts in every bucket. Says whether the account's ceiling is reached. */
  failed(): Promise<{ ceilingReached: boolean }>;
}

export function createSignInLimiter(db: Db, limits: SignInLimits = defaultSignInLimits) {
  const make = (prefix: string, l: Limit) =>
    new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimit,
      keyPrefix: prefix,
      points: l.points,
      duration: l.durationSeconds,
      clearExpiredByTimeout: false,
    });
  const byIp = make("signin-fail-ip", limits.perIp);
  const byAccountAndIp = make("signin-fail-account-ip", limits.perAccountAndIp);
  const byAccount = make("signin-fail-account", limits.perAccount);
  const ceiling = limits.accountCeiling ?? defaultSignInLimits.accountCeiling!;
  const byAccountCeiling = make("signin-fail-ceiling", ceiling);
  const resetByIp = make("reset-ip", limits.resetRequestsPerIp);
  const resetByAccount = make("reset-account", limits.resetRequestsPerAccount);
  const prospectByIp = make(
    "prospect-write-ip",
    limits.prospectWritesPerIp ?? defaultSignInLimits.prospectWritesPerIp!,
  );

  const used = (res: RateLimiterRes | null) => res?.consumedPoints ?? 0;
  const refused = (...res: (RateLimiterRes | null)[]): SignInAttempt => ({
    refusedForSeconds: Math.max(1, ...res.map((r) => Math.ceil((r?.msBeforeNext ?? 0) / 1000))),
    succeeded: async () => {},
    failed: () => Promise.resolve({ ceilingReached: false }),
  });

  return {
    /** The hard ceiling's window: an unknown identifier's lock is purged once it has passed (account-lock.server.ts). */
    ceilingWindowSeconds: ceiling.durationSeconds,
    /**
     * Before checking a password for `account` (see accountKey) from `ip`. Either refused (nothing counted),
     * or allowed: then call succeeded() or failed() once the password has been checked.
     */
    async begin(ip: string, account: string): Promise<SignInAttempt> {
      const address = addressKey(ip);
      const pair = `${account}|${address}`;
      const [fromIp, onPair, onAccount, overall] = await Promise.all([
        byIp.get(address),
        byAccountAndIp.get(pair),
        byAccount.get(account),
        byAccountCeiling.get(account),
      ]);
      if (used(fromIp) >= limits.perIp.points) return refused(fromIp);
      if (used(onPair) >= limits.perAccountAndIp.points) return refused(onPair);
      const accountUnderAttack = used(onAccount) >= limits.perAccount.points;
      if (accountUnderAttack && used(onPair) > 0) return refused(onAccount, onPair);

      // Reserve the attempt in the address buckets before the (slow) password check, atomically: parallel
      // attempts cannot all pass the checks above before any failure is counted. A success gives it back.
      const [ipReserved, pairReserved] = await Promise.allSettled([
        byIp.consume(address),
        byAccountAndIp.consume(pair),
      ]);
      const release = async () => {
        if (ipReserved.status === "fulfilled") await byIp.reward(address, 1);
        if (pairReserved.status === "fulfilled") await byAccountAndIp.reward(pair, 1);
      };
      for (const r of [ipReserved, pairReserved]) {
        if (r.status === "rejected" && !(r.reason instanceof RateLimiterRes)) throw r.reason;
      }
      if (ipReserved.status === "rejected" || pairReserved.status === "rejected") {
        await release();
        return refused(
          ...[ipReserved, pairReserved].map((r) => (r.status === "rejected" ? (r.reason as RateLimiterRes) : null)),
        );
      }
      // Under attack, a clean address gets one try at a time: a parallel one from it is refused.
      if (accountUnderAttack && pairReserved.value.consumedPoints > 1) {
        await release();
        return refused(onAccount);
      }
      return {
        refusedForSeconds: 0,
        async succeeded() {
          // This address's mistakes on this account were the member's own typos: forgiven, here and in the
          // account's count. A stranger's failures from other addresses stay counted (and refused).
          const ownFailures = pairReserved.value.consumedPoints - 1;
          await Promise.all([
            byIp.reward(address, 1),
            byAccountAndIp.delete(pair),
            ownFailures > 0 && used(onAccount) > 0
              ? byAccount.reward(account, Math.min(ownFailures, used(onAccount)))
              : null,
            ownFailures > 0 && used(overall) > 0
              ? byAccountCeiling.reward(account, Math.min(ownFailures, used(overall)))
              : null,
          ]);
        },
        async failed() {
          const count = async (limiter: RateLimiterDrizzle) => {
            try {
              return (await limiter.consume(account)).consumedPoints;
            } catch (error) {
              if (!(error instanceof RateLimiterRes)) throw error; // past the limit: counted all the same
              return error.consumedPoints;
            }
          };
          const [, total] = await Promise.all([count(byAccount), count(byAccountCeiling)]);
          return { ceilingReached: total >= ceiling.points };
        },
      };
    },

    /**
     * A proof completed in a second request (the step-up's e-mailed code after its password): the address's
     * tries on the account are given back, as succeeded() does when both come in one request.
     */
    async forgive(ip: string, account: string): Promise<void> {
      const address = addressKey(ip);
      await Promise.all([byIp.reward(address, 1), byAccountAndIp.delete(`${account}|${address}`)]);
    },

    /** An account unlocked (its owner's link, an advisor): its per-account counts start again from zero. */
    async clearAccount(account: string): Promise<void> {
      await Promise.all([byAccount.delete(account), byAccountCeiling.delete(account)]);
    },

    /** A "mot de passe oublié" request: every request counts. Returns the seconds to wait, or 0. */
    /** Seconds to wait before this address may start another journey or upload again, 0 when it may now. */
    async consumeProspectWrite(ip: string): Promise<number> {
      try {
        await prospectByIp.consume(addressKey(ip));
        return 0;
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw error;
      }
    },
    async consumeResetRequest(ip: string, account: string): Promise<number> {
      try {
        await Promise.all([resetByIp.consume(addressKey(ip)), resetByAccount.consume(account)]);
        return 0;
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw error;
      }
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;

/** The French answer to a refused attempt, with the wait in minutes. */
export function tooManyAttemptsMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Trop de tentatives de connexion. Par sécurité, réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`;
}

/** A 429 that knows how long to wait (sent as Retry-After). */
export class TooManyAttemptsError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(seconds: number) {
    super("rate_limited", tooManyAttemptsMessage(seconds), 429);
    this.retryAfterSeconds = seconds;
  }
}
