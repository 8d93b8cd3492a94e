// Who may do what in a member's space: the contract holder, a beneficiary with their own login, or a carer
// (aidant) acting for someone. Pure rules, checked in one place (guards.server.ts `requireScope`), never per route.
//
// A scope names a family of pages; a route of a scope the viewer lacks answers 404, like a page of another
// household. What a scope shows is narrowed again by the viewer's `onlyPersonId` in the domain queries: a
// beneficiary reads only their own lines, whatever the scope.
import { ageOn } from "../clock/calendar.ts";

/** Every scope of a member's space. */
export const scopes = [
  "read", // reimbursements, their detail, statement and export; the documents
  "file", // claims and devis: file them, follow the démarches
  "messages", // the messagerie: read and write
  "card", // the tiers payant card
  "bank", // bank details (the contract's account for the holder, one's own for a beneficiary): never delegable
  "contract", // the contract itself: beneficiaries, premium, échéancier, payment account, its documents
] as const;
export type Scope = (typeof scopes)[number];

/** Who is behind the viewer, towards the person whose space it is. */
export type Relation = "holder" | "beneficiary" | "carer";

/** What a carer can be given: reading, filing, messages. Bank details and the contract never are. */
export const delegableScopes = ["read", "file", "messages"] as const satisfies readonly Scope[];
export type DelegableScope = (typeof delegableScopes)[number];

/** The labels a member reads when granting access (and the carer when choosing whose space). */
export const delegableScopeLabels: Record<DelegableScope, string> = {
  read: "Consulter les remboursements et les documents",
  file: "Déposer des demandes de remboursement et des devis",
  messages: "Écrire à la mutuelle (messagerie)",
};

const beneficiaryScopes: readonly Scope[] = ["read", "file", "messages", "card", "bank"];

/** Age from which a beneficiary may have their own access and ask for the confidentiality of their care. */
export const ownAccessMinimumAge = 16;

/**
 * The scopes of a viewer: all for the holder; the beneficiary's own (never the contract: not its payment
 * account, not the household's premium); for a carer, the granted ones that can be delegated, nothing else
 * whatever was stored.
 */
export function scopesFor(relation: Relation, granted: readonly string[] = []): Scope[] {
  if (relation === "holder") return [...scopes];
  if (relation === "beneficiary") return [...beneficiaryScopes];
  return delegableScopes.filter((s) => granted.includes(s));
}

/** The fields of a member viewer these rules read; absent ones mean the contract holder (older callers). */
export interface ScopedViewer {
  relation?: Relation;
  scopes?: readonly Scope[];
}

export function relationOf(viewer: ScopedViewer): Relation {
  return viewer.relation ?? "holder";
}

export function hasScope(viewer: ScopedViewer, scope: Scope): boolean {
  return (viewer.scopes ?? scopesFor(relationOf(viewer))).includes(scope);
}

/** Parses stored or posted scopes: unknown and non-delegable ones are dropped. */
export function parseDelegableScopes(values: readonly string[]): DelegableScope[] {
  return delegableScopes.filter((s) => values.includes(s));
}

/** Whether a beneficiary born on `birthDate` may have their own access (and ask for confidentiality) on `today`. */
export function mayHaveOwnAccess(birthDate: string, today: string): boolean {
  return ageOn(birthDate, today) >= ownAccessMinimumAge;
}

/** A carer's grant is live from its start to its end date included, unless revoked. */
export function isGrantLive(grant: { endsOn: string; revokedAt: Date | null }, today: string): boolean {
  return grant.revokedAt === null && today <= grant.endsOn;
}

/**
 * The main navigation's sections a viewer may open (null: all of them, the holder). The pages themselves are
 * guarded by their scope; this only keeps links to pages that would answer 404 out of the menu.
 */
export function navigationFor(viewer: ScopedViewer): string[] | null {
  if (relationOf(viewer) === "holder") return null;
  const sections = ["/"];
  if (hasScope(viewer, "read") || hasScope(viewer, "file")) sections.push("/remboursements");
  if (hasScope(viewer, "messages")) sections.push("/messagerie");
  if (hasScope(viewer, "read")) sections.push("/documents");
  sections.push("/aide-contact", "/mon-compte/aidants");
  return sections;
}

/** "par Camille Durand pour le compte de Benoit Brouez" for a carer's viewer; null for anyone else. */
export function onBehalfLabel(viewer: {
  relation?: Relation;
  actor?: { name: string };
  firstName: string;
  lastName: string;
}): string | null {
  if (relationOf(viewer) !== "carer" || !viewer.actor) return null;
  return `par ${viewer.actor.name} pour le compte de ${viewer.firstName} ${viewer.lastName}`;
}
