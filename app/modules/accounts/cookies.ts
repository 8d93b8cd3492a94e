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
