// "Pour une consultation à 30 €, vous êtes remboursé …": worked examples computed by the engine itself,
// for the categories members ask about most. Pure.
import { formatEuros } from "../shared/format.ts";
import { computeReimbursement } from "./compute.ts";
import type { CareAct, GuaranteeLine, GuaranteeTable } from "./model.ts";

interface ExampleAct {
  text: string;
  act: Omit<CareAct, "category" | "careDate">;
}

// Typical acts, with the Sécurité sociale part as it pays them: 70 % of 30 € − 2 € participation forfaitaire
// (L160-13 II); physiotherapy 60 % of 16,13 € = 9,68 − 1 € franchise per paramedical act (L160-13 III);
// dental care 60 % since 01/10/2023 (60 % of 28,92 € = 17,35 €); drugs 65 % − 1 € franchise per box.
const examples: Partial<Record<string, ExampleAct>> = {
  generaliste: {
    text: "une consultation à 30 €",
    act: { amountChargedCents: 3000, baseCents: 3000, amoCents: 1900, deductibleCents: 200, optam: true },
  },
  specialiste: {
    text: "une consultation de spécialiste à 60 €",
    act: { amountChargedCents: 6000, baseCents: 3000, amoCents: 1900, deductibleCents: 200, optam: true },
  },
  pharmacie_65: {
    text: "une boîte de médicaments à 10 €",
    act: { amountChargedCents: 1000, baseCents: 1000, amoCents: 550, deductibleCents: 100 },
  },
  auxiliaires_medicaux: {
    text: "une séance de kinésithérapie à 20 €",
    act: { amountChargedCents: 2000, baseCents: 1613, amoCents: 868, deductibleCents: 100 },
  },
  dentaire_soins: {
    text: "un soin dentaire à 30 €",
    act: { amountChargedCents: 3000, baseCents: 2892, amoCents: 1735 },
  },
  optique_verres_complexes: {
    text: "un verre complexe à 250 €",
    act: { amountChargedCents: 25000, baseCents: 5, amoCents: 3 },
  },
  optique_monture: { text: "une monture à 120 €", act: { amountChargedCents: 12000, baseCents: 5, amoCents: 3 } },
  osteopathie: {
    text: "une séance d'ostéopathie à 60 €",
    act: { amountChargedCents: 6000, baseCents: 0, amoCents: 0 },
  },
  chiropractie: {
    text: "une séance de chiropractie à 60 €",
    act: { amountChargedCents: 6000, baseCents: 0, amoCents: 0 },
  },
  hospitalisation_chambre_particuliere: {
    text: "une nuit en chambre particulière à 90 €",
    act: { amountChargedCents: 9000, baseCents: 0, amoCents: 0 },
  },
};

export function exampleFor(line: GuaranteeLine, table: GuaranteeTable, today: string): string | null {
  if (line.practitioner === "nonOptam") return null;
  const example = examples[line.category];
  if (!example) return null;
  const result = computeReimbursement({
    table,
    act: { ...example.act, category: line.category, careDate: today },
    beneficiary: { birthDate: "1980-01-01", coverageStart: "2000-01-01" },
    history: [],
  });
  const total = result.amoCents + result.amcCents;
  const detail =
    result.amoCents > 0
      ? ` (${formatEuros(result.amoCents)} par la Sécurité sociale, ${formatEuros(result.amcCents)} par votre mutuelle)`
      : "";
  const left =
    result.remainingCents > 0
      ? ` ; il vous reste ${formatEuros(result.remainingCents)} à payer`
      : " : rien ne reste à votre charge";
  return `Pour ${example.text}, vous êtes remboursé ${formatEuros(total)}${detail}${left}.`;
}
