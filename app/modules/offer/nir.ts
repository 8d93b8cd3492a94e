// The NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale"): 13 characters and a 2-digit key.
// Pure. Key = 97 − (the 13-digit number mod 97), Corsica's 2A and 2B read as 19 and 18 for the computation.
//   1 84 09 69 123 456 kk: sex, year and month of birth, département (2A/2B, 97x…), commune, order, key.

export type NirCheck = { ok: true; nir: string } | { ok: false; message: string };

/** "1 84 09 69 123 456 78" → "184096912345678" (spaces, dots and dashes dropped, letters upper-cased). */
export function normaliseNir(text: string): string {
  return text.replace(/[\s.-]/g, "").toUpperCase();
}

export function nirKey(first13: string): number {
  const digits = first13.replace("2A", "19").replace("2B", "18");
  return 97 - Number(BigInt(digits) % 97n);
}

/** Checks the format, the key, and (when given) that year and month agree with the birth date. */
export function checkNir(text: string, birthDate?: string): NirCheck {
  const nir = normaliseNir(text);
  if (!/^[1278]\d{4}(\d{2}|2A|2B)\d{8}$/.test(nir))
    return {
      ok: false,
      message:
        "Saisissez les 15 caractères de votre numéro de sécurité sociale, clé comprise, par exemple 1 84 09 69 123 456 78.",
    };
  const month = Number(nir.slice(3, 5));
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || (month >= 50 && month <= 99)))
    return {
      ok: false,
      message: "Le mois de naissance du numéro de sécurité sociale (4e et 5e chiffres) est invalide.",
    };
  if (nirKey(nir.slice(0, 13)) !== Number(nir.slice(13)))
    return {
      ok: false,
      message: "La clé (les 2 derniers chiffres) ne correspond pas au numéro : vérifiez-le sur votre carte Vitale.",
    };
  if (birthDate) {
    if (nir.slice(1, 3) !== birthDate.slice(2, 4))
      return { ok: false, message: "L'année de naissance du numéro ne correspond pas à la date de naissance." };
    if (month <= 12 && nir.slice(3, 5) !== birthDate.slice(5, 7))
      return { ok: false, message: "Le mois de naissance du numéro ne correspond pas à la date de naissance." };
  }
  return { ok: true, nir };
}

/** Shown back masked: the sex and birth year and month, the rest hidden ("18409 •••••••• 57"). */
export function maskNir(nir: string): string {
  return `${nir.slice(0, 5)} •••••••• ${nir.slice(13)}`;
}
