import { APIError } from "better-auth/api";
import { eq, or } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import type { Auth } from "./auth.server.ts";
import type { SignInLimiter } from "./rate-limit.server.ts";
import { user } from "./schema.ts";
import { memberNumberPattern, type SignInInput } from "./sign-in-form.ts";

// One message whatever went wrong: saying "unknown account" would let anyone test which members exist.
export const invalidCredentialsMessage =
  "Identifiant ou mot de passe incorrect. Vérifiez votre saisie et réessayez.";

export interface SignInDeps {
  db: Db;
  auth: Auth;
  limiter: SignInLimiter;
}

export interface SignInResult {
  userId: string;
  role: "member" | "advisor";
  /** Set-Cookie headers to forward on the redirect that follows. */
  headers: Headers;
}

export async function signIn(
  { db, auth, limiter }: SignInDeps,
  { input, ip, requestHeaders }: { input: SignInInput; ip: string; requestHeaders: Headers },
): Promise<SignInResult> {
  const identifier = input.identifier.trim().toLowerCase();
  const waitSeconds = await limiter.consume(ip, identifier);
  if (waitSeconds > 0) {
    await recordAudit(db, { action: "auth.rate_limited", outcome: "denied", ipAddress: ip });
    const minutes = Math.ceil(waitSeconds / 60);
    throw new AppError(
      "rate_limited",
      `Trop de tentatives de connexion. Par sécurité, réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
      429,
    );
  }

  try {
    const body = { password: input.password };
    const result = isEmail(identifier)
      ? await auth.api.signInEmail({ body: { ...body, email: identifier }, headers: requestHeaders, returnHeaders: true })
      : await auth.api.signInUsername({ body: { ...body, username: identifier }, headers: requestHeaders, returnHeaders: true });
    const signedIn = result.response.user as { id: string; role?: string };
    await limiter.reset(identifier);
    await recordAudit(db, { action: "auth.sign_in", outcome: "success", actorUserId: signedIn.id, ipAddress: ip });
    return { userId: signedIn.id, role: signedIn.role === "advisor" ? "advisor" : "member", headers: result.headers };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    // Record who was targeted when the identifier is known; the member can later see failed attempts.
    const [target] = await db
      .select({ id: user.id })
      .from(user)
      .where(or(eq(user.username, identifier), eq(user.email, identifier)))
      .limit(1);
    await recordAudit(db, {
      action: "auth.sign_in",
      outcome: "failure",
      actorUserId: target?.id ?? null,
      ipAddress: ip,
      details: { identifierKind: memberNumberPattern.test(identifier) ? "member_number" : isEmail(identifier) ? "email" : "username" },
    });
    throw new AppError("invalid_credentials", invalidCredentialsMessage, 401);
  }
}

function isEmail(value: string): boolean {
  return value.includes("@");
}
