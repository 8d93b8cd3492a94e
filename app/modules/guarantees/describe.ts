// A guarantee line in plain French, as the "Mes garanties" page and the PDF table show it. Pure.
import { formatEuros } from "../shared/format.ts";
import { lineLabel } from "./categories.ts";
import type { GuaranteeLine, GuaranteeTable } from "./model.ts";
import { formatRate } from "../shared/format.ts";

const unitOf: Partial<Record<string, string>> = {
  optique_verres_simples: "verre",
  optique_verres_complexes: "verre",
  optique_monture: "monture",
  optique_100_sante: "équipement",
  audiologie_classe_1: "oreille",
  audiologie_classe_2: "oreille",
  hospitalisation_chambre_particuliere: "nuit",
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? "s" : ""}`;
}

/** "200 % de la base de remboursement, Sécurité sociale comprise", "Frais réels jusqu'à 150,00 € par an…" */
export function describeRule(line: GuaranteeLine, table: GuaranteeTable): string {
  const rule = line.rule;
  switch (rule.kind) {
    case "percentOfBaseIncludingAmo":
      return `${formatRate(rule.rateBp)} de la base de remboursement, Sécurité sociale comprise`;
    case "percentOfBaseExcludingAmo":
      return `${formatRate(rule.rateBp)} de la base de remboursement, en plus de la Sécurité sociale`;
    case "ticketModerateurPlusEuros":
      return `Ticket modérateur (100 % de la base de remboursement, Sécurité sociale comprise) + ${formatEuros(rule.amountCents)} par ${unitOf[line.category] ?? "acte"}`;
    case "eurosPerAct":
      return `${formatEuros(rule.amountCents)} par ${unitOf[line.category] ?? "acte"}, en plus de la Sécurité sociale`;
    case "eurosPerSession":
      return `${formatEuros(rule.amountCents)} par séance, ${plural(rule.sessionsPerYear, "séance")} par an`;
    case "perDay": {
      const unit = unitOf[line.category] ?? "jour";
      const max = rule.maxDaysPerYear ? `, ${plural(rule.maxDaysPerYear, unit)} par an au plus` : "";
      return `${formatEuros(rule.amountPerDayCents)} par ${unit}${max}`;
    }
    case "annualForfait": {
      const pool = table.forfaits.find((f) => f.id === rule.forfaitId);
      const perSession = rule.perSessionCapCents ? `${formatEuros(rule.perSessionCapCents)} par séance, ` : "";
      if (!pool) return `${perSession}forfait annuel`;
      const sessions = pool.maxSessions ? ` et ${plural(pool.maxSessions, "séance")}` : "";
      const shared =
        table.lines.filter((l) => l.rule.kind === "annualForfait" && l.rule.forfaitId === pool.id).length > 1;
      return `${perSession}dans la limite de ${formatEuros(pool.limitCents)}${sessions} par an${shared ? ` (forfait « ${pool.label} » commun)` : ""}`;
    }
    case "hundredPercentSante":
      return "Intégralement remboursé (100 % Santé), dans la limite des prix réglementés : rien à votre charge";
  }
}

const every = (years: number) => (years === 1 ? "chaque année" : `tous les ${years} ans`);

/** The conditions that come with a line: renewal period, waiting period. */
export function describeConditions(line: GuaranteeLine): string[] {
  const out: string[] = [];
  if (line.renewal) {
    const { years, minorYears, minorUnderAge } = line.renewal;
    const minor = minorYears && minorUnderAge ? ` (${every(minorYears)} pour les moins de ${minorUnderAge} ans)` : "";
    out.push(`Un équipement ${every(years)}${minor}.`);
  }
  if (line.waitingPeriod) {
    const { months, days } = line.waitingPeriod;
    const delay = months ? `${months} mois` : plural(days ?? 0, "jour");
    out.push(`Après un délai d'attente de ${delay} à compter de l'adhésion.`);
  }
  return out;
}

export function describeLineTitle(line: GuaranteeLine): string {
  if (line.label) return line.label; // the table's own wording already says who
  const who =
    line.practitioner === "optam" ? " – médecin OPTAM" : line.practitioner === "nonOptam" ? " – médecin non OPTAM" : "";
  return `${lineLabel(line)}${who}`;
}
