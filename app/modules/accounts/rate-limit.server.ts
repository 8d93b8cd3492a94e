// Sign-in throttling, stored in the database so every app server behind the load balancer shares it.
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db/client.server.ts";
import { rateLimit } from "./schema.ts";

export interface SignInLimits {
  perIp: { points: number; durationSeconds: number };
  perAccount: { points: number; durationSeconds: number };
}

// An office or a family behind one IP signs in a few times; a credential-stuffing run makes hundreds.
export const defaultSignInLimits: SignInLimits = {
  perIp: { points: 30, durationSeconds: 15 * 60 },
  perAccount: { points: 8, durationSeconds: 15 * 60 },
};

export function createSignInLimiter(db: Db, limits: SignInLimits = defaultSignInLimits) {
  const make = (prefix: string, l: { points: number; durationSeconds: number }) =>
    new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimit,
      keyPrefix: prefix,
      points: l.points,
      duration: l.durationSeconds,
      clearExpiredByTimeout: false,
    });
  const byIp = make("signin-ip", limits.perIp);
  const byAccount = make("signin-account", limits.perAccount);

  return {
    /**
     * Counts one attempt. Returns the seconds to wait when a limit is reached, or 0. Every attempt counts
     * (not only failures): a per-account limit on failures alone would let an attacker learn which
     * identifiers exist from which ones are ever blocked.
     */
    async consume(ip: string, identifier: string): Promise<number> {
      try {
        await Promise.all([byIp.consume(ip), byAccount.consume(identifier.toLowerCase())]);
        return 0;
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw error;
      }
    },
    /** A successful sign-in clears the account's counter, so the member is not punished later. */
    async reset(identifier: string): Promise<void> {
      await byAccount.delete(identifier.toLowerCase());
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
