import { redirect } from "react-router";

/**
 * A redirect that carries the session cookies better-auth just set (sign-in, second factor, new session after a
 * password or second-factor change): the browser must receive them with the page it goes to next.
 */
export function redirectWithCookies(location: string, from: Headers) {
  const headers = new Headers();
  for (const cookie of from.getSetCookie()) headers.append("Set-Cookie", cookie);
  return redirect(location, { headers });
}

/** The session token in the Set-Cookie headers better-auth just produced (the part before the signature). */
export function sessionTokenSetIn(headers: Headers): string | undefined {
  const cookie = headers.getSetCookie().find((c) => /session_token=/.test(c));
  return cookie ? decodeURIComponent(cookie.split(";")[0]!.split("=").slice(1).join("=")).split(".")[0] : undefined;
}
