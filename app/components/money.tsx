import { formatMoney } from "../modules/shared/format.ts";

/** An amount as members read it: "45,00 €", or "45,00 CHF" for care paid abroad in another currency. */
export function Money({ cents, currency }: { cents: number; currency?: string | null }) {
  return <span className="money">{formatMoney(cents, currency ?? "EUR")}</span>;
}
