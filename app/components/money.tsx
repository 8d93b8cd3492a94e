import { formatEuros } from "../modules/shared/format.ts";

/** An amount as members read it: "45,00 €". */
export function Money({ cents }: { cents: number }) {
  return <span className="money">{formatEuros(cents)}</span>;
}
