// The attestation de droits and the échéancier de cotisations, rendered from current data at download.
// Tagged (see pdf.server.ts): the title is the H1, the people a list, the debits a table with column headers.
import { formatDate, formatEuros } from "../shared/format.ts";
import type { Debit } from "./premium-schedule.ts";
import {
  debitedAccountLabel,
  premiumScheduleDocument,
  rightsCertificate,
  taxCertificateDocument,
} from "./contract-documents.ts";
import { createPdf, group, pdfText, font, tag, type StructureElement } from "./pdf.server.ts";
import type { ContractFacts } from "./queries.server.ts";

function header(
  doc: PDFKit.PDFDocument,
  root: StructureElement,
  brandName: string,
  title: string,
  facts: ContractFacts,
) {
  tag(doc, root, "P", () => doc.font(font.bold).fontSize(16).text(pdfText(brandName)));
  tag(doc, root, "H1", () => doc.moveDown(0.3).fontSize(13).text(title));
  doc.font(font.body).fontSize(10).moveDown(0.5);
  tag(doc, root, "P", () => doc.text(pdfText(`Adhérent : ${facts.memberName} — n° ${facts.memberNumber}`)));
}

export async function renderRightsCertificatePdf(
  facts: ContractFacts,
  options: { brandName: string; today: string; responsible: boolean },
): Promise<Buffer> {
  const c = rightsCertificate(facts, options);
  const { doc, done, root } = await createPdf({ title: c.title, author: c.brandName });
  header(doc, root, c.brandName, c.title, facts);
  doc.moveDown();
  tag(doc, root, "P", () => doc.text(pdfText(c.statement)));
  doc.moveDown();
  const list = group(doc, root, "L");
  for (const p of c.people) {
    const item = group(doc, list, "LI");
    tag(doc, item, "LBody", () => {
      doc.font(font.bold).text(pdfText(p.name), { continued: true });
      doc
        .font(font.body)
        .text(pdfText(` — ${p.role}, date de naissance : ${p.birthDate}, couverture depuis le ${p.coverageStart}`));
    });
    item.end();
  }
  list.end();
  doc.moveDown(2);
  tag(doc, root, "P", () => doc.text(pdfText(c.closing)));
  tag(doc, root, "P", () => doc.moveDown().font(font.bold).text(pdfText(c.brandName)));
  root.end();
  doc.end();
  return done;
}

export async function renderPremiumSchedulePdf(
  facts: ContractFacts,
  options: { brandName: string; year: number; debits: Debit[]; creditorId: string },
): Promise<Buffer> {
  const c = premiumScheduleDocument(facts, options);
  const { doc, done, root } = await createPdf({ title: c.title, author: c.brandName });
  header(doc, root, c.brandName, c.title, facts);
  tag(doc, root, "P", () => doc.text(pdfText(c.level)));
  doc.moveDown(0.5);
  tag(doc, root, "P", () => doc.text(pdfText(c.mandate)));
  tag(doc, root, "P", () => doc.text(pdfText(c.creditor)));
  tag(doc, root, "P", () => doc.text(pdfText(`${debitedAccountLabel} ${c.ibanMasked ?? "non renseigné"}`)));
  doc.moveDown();
  debitsTable(doc, root, options.debits, { totalLabel: c.totalLabel, firstColumnWidth: 200 });
  tag(doc, root, "P", () => doc.font(font.body).fontSize(9).moveDown(2).text(pdfText(c.note), 40));
  root.end();
  doc.end();
  return done;
}

/** The attestation de cotisations for the tax return: the cotisations paid in `year`, debit by debit (tagged like the échéancier). */
export async function renderTaxCertificatePdf(
  facts: ContractFacts,
  options: { brandName: string; year: number; debits: Debit[]; issuedOn: string },
): Promise<Buffer> {
  const c = taxCertificateDocument(facts, options);
  const { doc, done, root } = await createPdf({ title: c.title, author: c.brandName });
  header(doc, root, c.brandName, c.title, facts);
  doc.moveDown(0.5);
  tag(doc, root, "P", () => doc.text(pdfText(c.statement)));
  doc.moveDown();
  debitsTable(doc, root, options.debits, { totalLabel: c.totalLabel, firstColumnWidth: 300 });
  tag(doc, root, "P", () => doc.font(font.body).fontSize(9).moveDown(2).text(pdfText(c.note), 40));
  root.end();
  doc.end();
  return done;
}

/**
 * The debits as a tagged table (column headers, a row header on the total): date and amount on one line each.
 * Shared by the échéancier and the attestation de cotisations.
 */
function debitsTable(
  doc: PDFKit.PDFDocument,
  root: PDFKit.PDFStructureElement,
  debits: Debit[],
  { totalLabel, firstColumnWidth }: { totalLabel: string; firstColumnWidth: number },
): void {
  const table = group(doc, root, "Table");
  const row = (first: string, amount: string, kind: "head" | "body" | "total") => {
    const y = doc.y + (kind === "head" ? 0 : 2);
    const tr = group(doc, table, "TR");
    doc.font(kind === "body" ? font.body : font.bold);
    tag(
      doc,
      tr,
      kind === "body" ? "TD" : "TH",
      () => doc.text(pdfText(first), 40, y, { width: firstColumnWidth }),
      kind === "head" ? { scope: "Column" } : kind === "total" ? { scope: "Row" } : {},
    );
    tag(
      doc,
      tr,
      kind === "head" ? "TH" : "TD",
      () => doc.text(pdfText(amount), 240, y, { width: 300, align: "right" }),
      kind === "head" ? { scope: "Column" } : {},
    );
    tr.end();
  };
  row("Date de prélèvement", "Montant", "head");
  for (const d of debits) row(formatDate(d.date), formatEuros(d.amountCents), "body");
  doc.moveDown(0.5);
  row(totalLabel, formatEuros(debits.reduce((t, d) => t + d.amountCents, 0)), "total");
  table.end();
}
