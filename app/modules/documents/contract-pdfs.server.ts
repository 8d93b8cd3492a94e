// The attestation de droits and the échéancier de cotisations, rendered from current data at download.
import { formatDate, formatEuros } from "../shared/format.ts";
import type { Debit } from "./premium-schedule.ts";
import { createPdf, pdfText, font } from "./pdf.server.ts";
import type { ContractFacts } from "./queries.server.ts";

const roleLabels: Record<string, string> = { member: "Adhérent", spouse: "Conjoint", child: "Enfant", other: "Bénéficiaire" };

function header(doc: PDFKit.PDFDocument, brandName: string, title: string, facts: ContractFacts) {
  doc.font(font.bold).fontSize(16).text(pdfText(brandName));
  doc.moveDown(0.3).fontSize(13).text(title);
  doc.font(font.body).fontSize(10).moveDown(0.5);
  doc.text(pdfText(`Adhérent : ${facts.memberName} — n° ${facts.memberNumber}`));
}

export async function renderRightsCertificatePdf(facts: ContractFacts, { brandName, today, responsible }: { brandName: string; today: string; responsible: boolean }): Promise<Buffer> {
  const { doc, done } = await createPdf({ title: "Attestation de droits", author: brandName });
  header(doc, brandName, "Attestation de droits", facts);
  doc.moveDown();
  doc.text(pdfText(
    `${brandName} atteste que les personnes ci-dessous sont couvertes par le contrat de complémentaire santé n° ${facts.memberNumber}, ` +
      `niveau de garantie ${facts.coverageLevel}${responsible ? " (contrat responsable)" : ""}, à la date du ${formatDate(today)} :`,
  ));
  doc.moveDown();
  const covered = facts.people.filter((p) => p.coverageStart <= today && (p.coverageEnd === null || p.coverageEnd >= today));
  for (const p of covered) {
    doc.font(font.bold).text(pdfText(`${p.lastName.toUpperCase()} ${p.firstName}`), { continued: true });
    doc.font(font.body).text(pdfText(` — ${roleLabels[p.role] ?? "Bénéficiaire"}, né(e) le ${formatDate(p.birthDate)}, couvert(e) depuis le ${formatDate(p.coverageStart)}`));
  }
  doc.moveDown(2);
  doc.text(pdfText(`Fait pour servir et valoir ce que de droit, le ${formatDate(today)}.`));
  doc.moveDown().font(font.bold).text(pdfText(brandName));
  doc.end();
  return done;
}

export async function renderPremiumSchedulePdf(
  facts: ContractFacts,
  { brandName, year, debits, creditorId }: { brandName: string; year: number; debits: Debit[]; creditorId: string },
): Promise<Buffer> {
  const { doc, done } = await createPdf({ title: `Échéancier de cotisations ${year}`, author: brandName });
  header(doc, brandName, `Échéancier de cotisations ${year}`, facts);
  doc.text(`Niveau de garantie : ${facts.coverageLevel}`);
  doc.moveDown(0.5);
  doc.text(pdfText(`Prélèvement SEPA — référence unique du mandat (RUM) : ${facts.sepaMandateRef ?? "non communiquée"}`));
  doc.text(pdfText(`Identifiant créancier SEPA (ICS) : ${creditorId}`));
  doc.text(pdfText(`Compte débité : ${facts.ibanMasked ?? "non renseigné"}`));
  doc.moveDown();
  doc.font(font.bold).text("Date de prélèvement", 40, doc.y, { continued: true, width: 200 }).text("Montant", { align: "right", width: 300 });
  doc.font(font.body);
  for (const d of debits) {
    const y = doc.y + 2;
    doc.text(formatDate(d.date), 40, y, { width: 200 });
    doc.text(pdfText(formatEuros(d.amountCents)), 240, y, { width: 300, align: "right" });
  }
  const total = debits.reduce((t, d) => t + d.amountCents, 0);
  doc.moveDown(0.5).font(font.bold);
  const y = doc.y;
  doc.text(`Total ${year}`, 40, y, { width: 200 });
  doc.text(pdfText(formatEuros(total)), 240, y, { width: 300, align: "right" });
  doc.font(font.body).fontSize(8).moveDown(2).text("Chaque prélèvement vous est annoncé par cet échéancier au moins 14 jours avant sa date.", 40);
  doc.end();
  return done;
}
