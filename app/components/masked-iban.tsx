// A masked IBAN ("FR76 **** **** **** **** **** 189") is read by screen readers as twenty "astérisque": the
// visible form is hidden from them and replaced by what it tells, "compte se terminant par 189" (RGAA 1.3).

/** The visible characters after the mask: "189" for "FR76 **** … **** 189" (null if nothing is masked). */
export function ibanEnding(masked: string): string | null {
  const end = /\*[\s*]*([A-Z0-9][A-Z0-9 ]*)$/.exec(masked)?.[1];
  return end ? end.replace(/\s/g, "") : null;
}

/** `lead` starts the spoken text: "compte se terminant par", or "se terminant par" after the word "compte". */
export function MaskedIban({ value, lead = "compte se terminant par" }: { value: string; lead?: string }) {
  const end = ibanEnding(value);
  if (!end) return <>{value}</>;
  return (
    <>
      <span aria-hidden="true">{value}</span>
      <span className="visually-hidden">{`${lead} ${end}`}</span>
    </>
  );
}
