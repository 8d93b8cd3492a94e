// Care types as members read them. The code is what lines and requests store; the label is what we show.
export const careTypes = {
  pharmacie: { label: "Pharmacie", requestLabel: "Pharmacie" },
  optique: { label: "Optique", requestLabel: "Soins optiques" },
  dentaire: { label: "Dentaire", requestLabel: "Soins dentaires" },
  medecin: { label: "Médecin, auxiliaire médical", requestLabel: "Consultation médicale" },
  analyses: { label: "Analyses, laboratoire", requestLabel: "Analyses" },
  radiologie: { label: "Radiologie", requestLabel: "Radiologie" },
  hospitalisation: { label: "Hospitalisation", requestLabel: "Hospitalisation" },
  audiologie: { label: "Audiologie", requestLabel: "Appareils auditifs" },
  chiropractie: { label: "Chiropractie", requestLabel: "Chiropractie" },
  osteopathie: { label: "Ostéopathie", requestLabel: "Ostéopathie" },
  transport: { label: "Transport sanitaire", requestLabel: "Transport sanitaire" },
  appareillage: { label: "Appareillage, pansements", requestLabel: "Appareillage, pansements" },
} as const satisfies Record<string, { label: string; requestLabel: string }>;

export type CareType = keyof typeof careTypes;

/**
 * What the contract holder reads in place of the care type of a beneficiary who asked for the confidentiality of
 * their care (only the amounts paid are shown for them).
 */
export const confidentialCareType = "confidentiel";

export function careTypeLabel(code: string): string {
  if (code === confidentialCareType) return "Soins confidentiels";
  return (careTypes as Record<string, { label: string }>)[code]?.label ?? "Autres soins";
}

export function careRequestLabel(code: string | null): string {
  if (!code) return "Demande";
  if (code === confidentialCareType) return "Soins confidentiels";
  return (careTypes as Record<string, { requestLabel: string }>)[code]?.requestLabel ?? "Autres soins";
}
