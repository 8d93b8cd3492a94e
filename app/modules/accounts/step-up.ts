// Step-up: before changing an IBAN, the e-mail, the password or the second factor, the member proves again
// who they are (password, then their authenticator code or a one-time code sent by e-mail). The proof is
// good for five minutes. Pure rules, unit-tested.

export const stepUpWindowSeconds = 5 * 60;
/** Between the password and the e-mailed code. */
export const emailCodeLifetimeSeconds = 10 * 60;
export const maxEmailCodeAttempts = 5;

export function isStepUpFresh(verifiedAt: Date | null | undefined, now: Date): boolean {
  if (!verifiedAt) return false;
  const age = now.getTime() - verifiedAt.getTime();
  // A date in the future (clock skew between app servers) is not trusted either.
  return age >= -5_000 && age < stepUpWindowSeconds * 1000;
}

export function isEmailCodeUsable(
  state: { passwordVerifiedAt: Date | null; emailCodeExpiresAt: Date | null; emailCodeAttempts: number },
  now: Date,
): boolean {
  return (
    state.passwordVerifiedAt !== null &&
    now.getTime() - state.passwordVerifiedAt.getTime() < emailCodeLifetimeSeconds * 1000 &&
    state.emailCodeExpiresAt !== null &&
    state.emailCodeExpiresAt.getTime() > now.getTime() &&
    state.emailCodeAttempts < maxEmailCodeAttempts
  );
}

/** Six digits typed from an e-mail or an app; spaces and a middle dash forgiven. */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, "");
}
