// What a RIB is for and what happens while a new one waits, said per case: the contract's account pays the
// cotisations and receives the reimbursements; a beneficiary's account only receives that person's
// reimbursements (never pays cotisations); and there may be no current account at all. Pure.

export interface RibCase {
  /** null for the contract's account, else the beneficiary's first name. */
  beneficiaryFirstName: string | null;
  hasCurrentAccount: boolean;
  /** The beneficiary reads it in their own space: said to them ("vos remboursements"). */
  own?: boolean;
}

/** Shown on "Saisir un RIB": what the new account will be used for. */
export function ribPurpose({ beneficiaryFirstName, own }: RibCase): string {
  if (beneficiaryFirstName === null) {
    return "Ce compte servira à prélever les cotisations du contrat et à recevoir les remboursements des soins (sauf pour les bénéficiaires qui ont leur propre compte).";
  }
  if (own) {
    return "Ce compte recevra les remboursements de vos soins. Il ne sert pas à prélever les cotisations, qui restent prélevées sur le compte du contrat.";
  }
  return `Ce compte recevra les remboursements des soins de ${beneficiaryFirstName}. Il ne sert pas à prélever les cotisations, qui restent prélevées sur le compte du contrat.`;
}

/** What is used until the new account takes over (after the security hold). */
export function ribMeanwhile({ beneficiaryFirstName, hasCurrentAccount, own }: RibCase): string {
  if (beneficiaryFirstName === null) {
    return hasCurrentAccount
      ? "d'ici là, le compte actuel reste utilisé."
      : "d'ici là, aucun compte n'est enregistré pour le contrat.";
  }
  if (own) {
    return hasCurrentAccount
      ? "d'ici là, vos remboursements restent versés sur votre compte actuel."
      : "d'ici là, vos remboursements restent versés sur le compte du contrat.";
  }
  return hasCurrentAccount
    ? `d'ici là, les remboursements de ${beneficiaryFirstName} restent versés sur son compte actuel.`
    : `d'ici là, les remboursements de ${beneficiaryFirstName} restent versés sur le compte du contrat.`;
}
