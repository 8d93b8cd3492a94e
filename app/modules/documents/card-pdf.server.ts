// The carte de tiers payant as a one-page PDF, card-sized (A6 landscape) so it prints and fits a phone.
import { formatDate } from "../shared/format.ts";
import type { CardData } from "./card.ts";
import { drawDatamatrix } from "./code-2d.server.ts";
import { createPdf, pdfText, font } from "./pdf.server.ts";

export async function renderCardPdf(card: CardData, brandName: string): Promise<Buffer> {
  const { doc, done } = await createPdf({ title: `Carte de tiers payant ${card.year}`, author: brandName, size: [420, 298], margin: 18 });
  doc.rect(0, 0, 420, 40).fill("#1d4f91");
  // Single lines are written without line breaking: each wrapped text measures every word through the
  // embedded font's shaper, which is most of a card's rendering time.
  const line = { lineBreak: false } as const;
  doc.fillColor("white").font(font.bold).fontSize(13).text(pdfText(brandName), 18, 13, line);
  const title = `Carte de tiers payant ${card.year}`;
  doc.fontSize(10).text(title, 402 - doc.widthOfString(title), 15, line);
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
    doc.font(font.body).fontSize(7).fillColor("#444444").text(label, 18, y, line);
    doc.font(font.bold).fontSize(9).fillColor("black").text(pdfText(value), 110, y - 1, line);
    y += 13;
  }
  if (card.responsible) doc.font(font.bold).fontSize(16).text("R", 386, 50, line);
  await drawDatamatrix(doc, card.codeText, 322, 72, 80);

  y += 6;
  doc.font(font.bold).fontSize(8).text("Bénéficiaires", 18, y, line);
  y += 11;
  for (const b of card.beneficiaries) {
    doc.font(font.body).fontSize(8).text(pdfText(`${b.lastName.toUpperCase()} ${b.firstName} — né(e) le ${formatDate(b.birthDate)}`), 18, y, line);
    y += 10;
  }
  y += 4;
  doc.font(font.bold).fontSize(8).text("Tiers payant", 18, y, line);
  doc.font(font.body).text(pdfText(card.domains.map((d) => `${d.code} (${d.label})`).join(" · ")), 18, y + 10, { width: 384 });
  doc.end();
  return done;
}
