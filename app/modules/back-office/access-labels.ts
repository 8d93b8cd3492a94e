// What a member reads in "Accès de votre mutuelle à votre dossier": each advisor access in plain French.
// Pure. The audit row's `what` is a code, never free text (audit details hold codes and ids only).

/**
 * Codes for recordAdvisorAccess's `what`, optionally followed by ":" and a démarche's reference
 * ("request:DR-2026-L4K7P2M9"). Unknown codes still read as a look at the file.
 */
export const advisorAccessSubjects = {
  member_file: "le résumé de votre dossier",
  request: "une de vos démarches",
  request_file: "un justificatif joint à une démarche",
  bank_details: "vos coordonnées bancaires",
  beneficiaries: "vos bénéficiaires",
  payments: "vos remboursements",
  message_file: "une pièce jointe de votre messagerie",
} as const satisfies Record<string, string>;

export type AdvisorAccessSubject = keyof typeof advisorAccessSubjects;

// New references end in 8 letters or digits, the demo ones in 6 digits (requests/reference.ts).
const referencePattern = /^[A-Z]{2,3}-\d{4}-[0-9A-Z]{6,8}$/;

export function describeAdvisorAccess(action: string, details: Record<string, unknown> | null): string {
  if (action === "message.advisor_view") return "un échange de votre messagerie";
  const what = typeof details?.what === "string" ? details.what : "";
  const [code, reference] = what.split(":", 2);
  const subject = (advisorAccessSubjects as Record<string, string>)[code ?? ""];
  if (!subject) return "votre dossier";
  if (code === "request" && reference && referencePattern.test(reference)) return `votre démarche ${reference}`;
  if (code === "request_file" && reference && referencePattern.test(reference))
    return `un justificatif de votre démarche ${reference}`;
  return subject;
}
