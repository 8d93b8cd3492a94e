// "Adhérer en ligne", the people covered with the subscriber: a spouse or children added and removed (the caller
// has checked each with beneficiarySchema and beneficiaryClash), and the NIRs of the journey in clear for that
// check and for the acceptance (each encrypted bound to the journey id).
import { randomUUID } from "node:crypto";
import { decryptIban, encryptIban } from "../banking/iban-crypto.server.ts";
import type { BeneficiaryInput, BeneficiaryRole } from "./adhesion-rules.ts";
import { type Deps, saveStep, storedOf, type StoredBeneficiary } from "./journey.server.ts";

/** Adds a spouse or a child (the caller has checked the form and the clashes with the others). */
export async function addBeneficiary(
  { db, ibanKeys }: Deps,
  journeyId: string,
  input: BeneficiaryInput,
): Promise<void> {
  const stored = await storedOf(db, journeyId);
  const beneficiary: StoredBeneficiary = {
    id: randomUUID(),
    role: input.role,
    firstName: input.firstName,
    lastName: input.lastName,
    birthDate: input.birthDate,
    rank: input.rank,
    nirEncrypted: input.nir ? encryptIban(ibanKeys, input.nir, journeyId) : null,
  };
  await saveStep(db, journeyId, { beneficiaries: [...(stored.beneficiaries ?? []), beneficiary] }, "beneficiaires");
}

export async function removeBeneficiary({ db }: Pick<Deps, "db">, journeyId: string, id: string): Promise<void> {
  const stored = await storedOf(db, journeyId);
  await saveStep(
    db,
    journeyId,
    { beneficiaries: (stored.beneficiaries ?? []).filter((b) => b.id !== id) },
    "beneficiaires",
  );
}

export async function beneficiariesDone({ db }: Pick<Deps, "db">, journeyId: string): Promise<void> {
  await saveStep(db, journeyId, {}, "niveau");
}

/** The NIRs already on the journey (the subscriber's, then each beneficiary's), in clear, for the clash check. */
export async function journeyNirs(
  { db, ibanKeys }: Deps,
  journeyId: string,
): Promise<{
  subscriber: string;
  beneficiaries: { role: BeneficiaryRole; birthDate: string; rank: number; nir: string }[];
}> {
  const stored = await storedOf(db, journeyId);
  return {
    subscriber: stored.identity ? decryptIban(ibanKeys, stored.identity.nirEncrypted, journeyId) : "",
    beneficiaries: (stored.beneficiaries ?? []).map((b) => ({
      role: b.role,
      birthDate: b.birthDate,
      rank: b.rank,
      nir: b.nirEncrypted ? decryptIban(ibanKeys, b.nirEncrypted, journeyId) : "",
    })),
  };
}
