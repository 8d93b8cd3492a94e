// The carte de tiers payant as a one-page PDF, card-sized (A6 landscape) so it prints and fits a phone.
// Tagged in reading order: title, the harmonised block as a table with row headers, the "R" mark and the
// 2D code as figures with a text alternative, then the beneficiaries and the tiers payant domains.
import { formatDate } from "../shared/format.ts";
import type { CardData } from "./card.ts";
import { drawDatamatrix } from "./code-2d.server.ts";
import { artifact, createPdf, group, minFontSize, pdfText, font, tag } from "./pdf.server.ts";

export async function renderCardPdf(card: CardData, brandName: string): Promise<Buffer> {
  const { doc, done, root } = await createPdf({
    title: `Carte de tiers payant ${card.year}`,
    author: brandName,
    size: [420, 298],
    margin: 18,
  });
  artifact(doc, () => doc.rect(0, 0, 420, 40).fill("#1d4f91"));
  // Single lines are written without line breaking: each wrapped text measures every word through the
  // embedded font's shaper, which is most of a card's rendering time.
  const line = { lineBreak: false } as const;
  const title = `Carte de tiers payant ${card.year}`;
  tag(doc, root, "H1", () =>
    doc
      .fillColor("white")
      .font(font.bold)
      .fontSize(13)
      .text(pdfText(`${brandName} – ${title}`), 18, 13, line),
  );
  doc.fillColor("black");

  // The harmonised block: five labelled fields, in this order, each label a row header.
  const fields: [string, string][] = [
    ["N° AMC", card.amcNumber],
    ["Type de convention", card.conventionType],
    ["Critère secondaire", card.routingCriterion],
    ["N° adhérent", card.memberNumber],
    ["Validité", `du ${formatDate(card.validFrom)} au ${formatDate(card.validTo)}`],
  ];
  let y = 50;
  const table = group(doc, root, "Table");
  for (const [label, value] of fields) {
    const row = group(doc, table, "TR");
    tag(doc, row, "TH", () => doc.font(font.body).fontSize(minFontSize).fillColor("#444444").text(label, 18, y, line), {
      scope: "Row",
    });
    tag(doc, row, "TD", () =>
      doc.font(font.bold).fontSize(minFontSize).fillColor("black").text(pdfText(value), 118, y, line),
    );
    row.end();
    y += 13;
  }
  table.end();
  if (card.responsible)
    tag(doc, root, "Figure", () => doc.font(font.bold).fontSize(16).text("R", 386, 50, line), {
      alt: "R : contrat responsable",
    });
  const code = doc.markStructureContent("Figure");
  await drawDatamatrix(doc, card.codeText, 322, 72, 80);
  doc.endMarkedContent();
  root.add(
    doc.struct(
      "Figure",
      { alt: "Code 2D de la carte, lu par les professionnels de santé : il reprend les informations ci-dessus" },
      [code],
    ),
  );

  y += 6;
  tag(doc, root, "H2", () => doc.font(font.bold).fontSize(minFontSize).text("Bénéficiaires", 18, y, line));
  y += 12;
  const list = group(doc, root, "L");
  for (const b of card.beneficiaries) {
    const item = group(doc, list, "LI");
    tag(doc, item, "LBody", () =>
      doc
        .font(font.body)
        .fontSize(minFontSize)
        .text(
          pdfText(`${b.lastName.toUpperCase()} ${b.firstName} — date de naissance : ${formatDate(b.birthDate)}`),
          18,
          y,
          line,
        ),
    );
    item.end();
    y += 11;
  }
  list.end();
  y += 4;
  tag(doc, root, "H2", () => doc.font(font.bold).fontSize(minFontSize).text("Tiers payant", 18, y, line));
  tag(doc, root, "P", () =>
    doc
      .font(font.body)
      .fontSize(minFontSize)
      .text(pdfText(card.domains.map((d) => `${d.code} (${d.label})`).join(" · ")), 18, y + 12, { width: 384 }),
  );
  root.end();
  doc.end();
  return done;
}
