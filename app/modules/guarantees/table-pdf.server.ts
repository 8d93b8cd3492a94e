// The "Tableau de garanties" PDF: the level's table, grouped as the page shows it. Tagged (pdf.server.ts):
// H1 the level, H2 each section, H3 each line's title followed by its rule and conditions as paragraphs.
import { createPdf, ensureSpace, pdfText, font, tag } from "../documents/pdf.server.ts";
import { formatDate } from "../shared/format.ts";
import type { GuaranteeSection } from "./sections.ts";

export async function renderGuaranteeTablePdf(input: {
  brandName: string;
  levelLabel: string;
  effectiveFrom: string;
  responsible: boolean;
  sections: GuaranteeSection[];
}): Promise<Buffer> {
  const { doc, done, root } = await createPdf({
    title: `Tableau de garanties – ${input.levelLabel}`,
    author: input.brandName,
  });
  tag(doc, root, "P", () => doc.font(font.bold).fontSize(16).text(pdfText(input.brandName)));
  tag(doc, root, "H1", () => doc.moveDown(0.3).fontSize(13).text(`Tableau de garanties – niveau ${input.levelLabel}`));
  doc.font(font.body).fontSize(9).moveDown(0.3);
  tag(doc, root, "P", () =>
    doc.text(
      `En vigueur pour les soins à partir du ${formatDate(input.effectiveFrom)}.${input.responsible ? " Contrat responsable." : ""}`,
    ),
  );
  tag(doc, root, "P", () =>
    doc.text(
      "Les remboursements de votre mutuelle s'ajoutent à ceux de la Sécurité sociale, dans la limite des frais réellement payés.",
    ),
  );
  for (const section of input.sections) {
    ensureSpace(doc, 60);
    tag(doc, root, "H2", () =>
      doc
        .moveDown(0.8)
        .font(font.bold)
        .fontSize(12)
        .fillColor("#1d4f91")
        .text(pdfText(section.label))
        .fillColor("black"),
    );
    for (const line of section.lines) {
      ensureSpace(doc, 40);
      tag(doc, root, "H3", () => doc.moveDown(0.3).font(font.bold).fontSize(9).text(pdfText(line.title)));
      tag(doc, root, "P", () => doc.font(font.body).text(pdfText(line.rule)));
      for (const c of line.conditions)
        tag(doc, root, "P", () => doc.fillColor("#444444").text(pdfText(c)).fillColor("black"));
    }
  }
  root.end();
  doc.end();
  return done;
}
