// IBAN rules a member meets when typing a RIB: checked with ibantools (country, length, format, checksum),
// SEPA zone only, one French message per kind of mistake. Pure: no I/O.
import {
  countrySpecs,
  electronicFormatIBAN,
  friendlyFormatIBAN,
  isSEPACountry,
  validateIBAN,
  ValidationErrorsIBAN,
} from "ibantools";

export type IbanCheck = { ok: true; iban: string } | { ok: false; message: string };

export const ibanExample = "FR76 3000 6000 0112 3456 7890 189";

export function checkIban(input: string): IbanCheck {
  const typed = input.trim();
  if (typed === "") return { ok: false, message: "Saisissez l'IBAN qui figure sur votre RIB." };
  if (!/^[A-Za-z0-9 \-.]+$/.test(typed)) {
    return { ok: false, message: "Un IBAN ne contient que des lettres et des chiffres (les espaces sont acceptés)." };
  }
  const iban = electronicFormatIBAN(typed) ?? "";
  const country = iban.slice(0, 2);
  if (!/^[A-Z]{2}[0-9]{2}/.test(iban) || !countrySpecs[country]) {
    return {
      ok: false,
      message: `Un IBAN commence par le code du pays (2 lettres) et 2 chiffres, par exemple ${ibanExample.slice(0, 4)}.`,
    };
  }
  if (!isSEPACountry(country)) {
    return {
      ok: false,
      message:
        "Seuls les comptes bancaires de la zone SEPA sont acceptés (Union européenne, Suisse, Royaume-Uni, Norvège…).",
    };
  }
  const { valid, errorCodes } = validateIBAN(iban);
  if (valid) return { ok: true, iban };
  const expected = countrySpecs[country]?.chars;
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength) && expected) {
    return {
      ok: false,
      message: `Un IBAN de ce pays compte ${expected} caractères ; vous en avez saisi ${iban.length}. Vérifiez qu'il ne manque rien.`,
    };
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
    return {
      ok: false,
      message:
        "Cet IBAN ne suit pas le format des comptes de ce pays : une lettre est peut-être à la place d'un chiffre.",
    };
  }
  return {
    ok: false,
    message:
      "Cet IBAN contient une erreur de saisie (sa clé de contrôle ne correspond pas) : vérifiez chaque caractère sur votre RIB.",
  };
}

/** "FR76 **** **** **** **** **** 189": the country, the check digits and the last three characters. */
export function maskIban(iban: string): string {
  const friendly = friendlyFormatIBAN(iban) ?? iban;
  let seen = 0;
  const total = iban.length;
  return friendly.replace(/[A-Z0-9]/g, (c) => {
    seen++;
    return seen <= 4 || seen > total - 3 ? c : "*";
  });
}

/** The name as printed on the RIB: letters, spaces, apostrophes, hyphens and dots, 2 to 70 characters. */
export function checkHolderName(input: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = input.trim().replace(/\s+/g, " ");
  if (name === "") return { ok: false, message: "Saisissez le nom du titulaire, tel qu'il figure sur le RIB." };
  if (name.length < 2 || name.length > 70)
    return { ok: false, message: "Le nom du titulaire fait entre 2 et 70 caractères." };
  if (!/^[\p{L}][\p{L} '’.-]*$/u.test(name)) {
    return {
      ok: false,
      message: "Le nom du titulaire ne contient que des lettres, des espaces, des apostrophes et des tirets.",
    };
  }
  return { ok: true, name };
}

/** "FR76 3000 6000 0112 3456 7890 189": the whole IBAN in groups of four (a mandate prints it so). */
export function friendlyIban(iban: string): string {
  return friendlyFormatIBAN(iban) ?? iban;
}
