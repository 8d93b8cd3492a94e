// The carte de tiers payant as a one-page PDF, card-sized (A6 landscape) so it prints and fits a phone.
import { formatDate } from "../shared/format.ts";
import type { CardData } from "./card.ts";
import { datamatrixPng } from "./code-2d.server.ts";
import { createPdf, pdfText } from "./pdf.server.ts";

export async function renderCardPdf(card: CardData, brandName: string): Promise<Buffer> {
  const { doc, done } = createPdf({ title: `Carte de tiers payant ${card.year}`, author: brandName, size: [420, 298], margin: 18 });
  const code = await datamatrixPng(card.codeText);
  doc.rect(0, 0, 420, 40).fill("#1d4f91");
  doc.fillColor("white").font("Helvetica-Bold").fontSize(13).text(pdfText(brandName), 18, 13, { width: 250 });
  doc.fontSize(10).text(`Carte de tiers payant ${card.year}`, 250, 15, { width: 152, align: "right" });
  doc.fillColor("black");

  // The harmonised block: five labelled fields, in this order.
  const fields: [string, string][] = [
    ["N° AMC", card.amcNumber],
    ["Type de convention", card.conventionType],
    ["Critère secondaire", card.routingCriterion],
    ["N° adhérent", card.memberNumber],
    ["Validité", `du ${formatDate(card.validFrom)} au ${formatDate(card.validTo)}`],
  ];
  let y = 52;
  for (const [label, value] of fields) {
    doc.font("Helvetica").fontSize(7).fillColor("#444444").text(label, 18, y);
    doc.font("Helvetica-Bold").fontSize(9).fillColor("black").text(pdfText(value), 110, y - 1);
    y += 13;
  }
  if (card.responsible) doc.font("Helvetica-Bold").fontSize(16).text("R", 382, 50, { width: 20, align: "center" });
  doc.image(code, 322, 72, { width: 80 });

  y += 6;
  doc.font("Helvetica-Bold").fontSize(8).text("Bénéficiaires", 18, y);
  y += 11;
  for (const b of card.beneficiaries) {
    doc.font("Helvetica").fontSize(8).text(pdfText(`${b.lastName.toUpperCase()} ${b.firstName} — né(e) le ${formatDate(b.birthDate)}`), 18, y);
    y += 10;
  }
  y += 4;
  doc.font("Helvetica-Bold").fontSize(8).text("Tiers payant", 18, y);
  doc.font("Helvetica").text(pdfText(card.domains.map((d) => `${d.code} (${d.label})`).join(" · ")), 18, y + 10, { width: 384 });
  doc.end();
  return done;
}
