// Password lengths, apart from the breach list in password-policy.ts: the pages' forms need these numbers in
// the browser, and importing them from password-policy.ts shipped its ~49,000-password list to every visitor
// of "Mon compte" (about 210 KB gzipped).
export const passwordLengths = { member: 12, advisor: 15, max: 128 } as const;
