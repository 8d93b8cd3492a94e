// The relevé de prestations as a PDF (see pdf.server.ts for fonts and tagging).
import { createPdf, ensureSpace, pdfText, font } from "../documents/pdf.server.ts";
import { careTypeLabel } from "../shared/care-types.ts";
import { formatDate, formatEuros } from "../shared/format.ts";
import type { ExportLine } from "./queries.server.ts";

export interface StatementInput {
  brandName: string;
  memberName: string;
  memberNumber: string;
  beneficiaryName: string | null;
  from: string;
  to: string;
  generatedOn: string;
  lines: ExportLine[];
}

const money = (cents: number) => pdfText(formatEuros(cents));

const columns = [
  { title: "Payé le", width: 52, align: "left" as const },
  { title: "Soins du", width: 52, align: "left" as const },
  { title: "Bénéficiaire", width: 78, align: "left" as const },
  { title: "Soin", width: 88, align: "left" as const },
  { title: "Dépense", width: 58, align: "right" as const },
  { title: "Séc. sociale", width: 58, align: "right" as const },
  { title: "Mutuelle", width: 58, align: "right" as const },
  { title: "Reste à charge", width: 62, align: "right" as const },
];

export async function renderStatementPdf(input: StatementInput): Promise<Buffer> {
  const { doc, done } = await createPdf({ title: "Relevé de prestations", author: input.brandName });

  doc.font(font.bold).fontSize(16).text(pdfText(input.brandName));
  doc.moveDown(0.3).fontSize(13).text("Relevé de prestations");
  doc.font(font.body).fontSize(10).moveDown(0.5);
  doc.text(pdfText(`Adhérent : ${input.memberName} — n° ${input.memberNumber}`));
  doc.text(`Bénéficiaire : ${input.beneficiaryName ?? "tous les bénéficiaires du contrat"}`);
  doc.text(`Paiements du ${formatDate(input.from)} au ${formatDate(input.to)}`);
  doc.text(`Édité le ${formatDate(input.generatedOn)}`);
  doc.moveDown();

  const left = doc.page.margins.left;
  const row = (cells: string[], bold = false) => {
    if (ensureSpace(doc, 30)) row(columns.map((c) => c.title), true);
    const y = doc.y;
    let x = left;
    doc.font(bold ? font.bold : font.body).fontSize(8);
    let height = 0;
    cells.forEach((cell, i) => {
      const col = columns[i]!;
      doc.text(pdfText(cell), x, y, { width: col.width - 4, align: col.align });
      height = Math.max(height, doc.y - y);
      x += col.width;
    });
    doc.x = left;
    doc.y = y + height + 4;
  };

  row(columns.map((c) => c.title), true);
  if (input.lines.length === 0) {
    doc.font(font.body).fontSize(10).text("Aucun paiement sur cette période.", left);
  }
  const total = { charged: 0, amo: 0, amc: 0, remaining: 0 };
  for (const line of input.lines) {
    row([
      formatDate(line.paymentDate),
      formatDate(line.careDate),
      `${line.beneficiaryFirstName} ${line.beneficiaryLastName}`,
      careTypeLabel(line.careType),
      money(line.chargedCents),
      money(line.amoCents),
      money(line.amcCents),
      money(line.remainingCents),
    ]);
    total.charged += line.chargedCents;
    total.amo += line.amoCents;
    total.amc += line.amcCents;
    total.remaining += line.remainingCents;
  }
  if (input.lines.length > 0) {
    row(["Total", "", "", `${input.lines.length} paiement${input.lines.length > 1 ? "s" : ""}`, money(total.charged), money(total.amo), money(total.amc), money(total.remaining)], true);
  }
  doc.moveDown().font(font.body).fontSize(8).fillColor("#444444");
  doc.text("Montants en euros. Part mutuelle : ce que votre complémentaire santé a versé. Reste à charge : ce qui n'a été remboursé ni par la Sécurité sociale ni par votre mutuelle.", left);
  doc.end();
  return done;
}
