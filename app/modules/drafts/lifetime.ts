/** How long a form draft waits for its owner to come back (said on the session dialog; drafts.server.ts). */
export const draftLifetimeMinutes = 30;
