// The relevé de prestations as a PDF (see pdf.server.ts for fonts and tagging): a real table, its column
// headers tagged TH (repeated on each page as decoration), the total row headed by a row header.
import { artifact, createPdf, ensureSpace, group, minFontSize, pdfText, font, tag } from "../documents/pdf.server.ts";
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
  { title: "Payé le", width: 56, align: "left" as const },
  { title: "Soins du", width: 56, align: "left" as const },
  { title: "Bénéficiaire", width: 76, align: "left" as const },
  { title: "Soin", width: 83, align: "left" as const },
  { title: "Dépense", width: 58, align: "right" as const },
  { title: "Séc. sociale", width: 58, align: "right" as const },
  { title: "Mutuelle", width: 58, align: "right" as const },
  { title: "Reste à charge", width: 62, align: "right" as const },
];

export async function renderStatementPdf(input: StatementInput): Promise<Buffer> {
  const { doc, done, root } = await createPdf({ title: "Relevé de prestations", author: input.brandName });

  tag(doc, root, "P", () => doc.font(font.bold).fontSize(16).text(pdfText(input.brandName)));
  tag(doc, root, "H1", () => doc.moveDown(0.3).fontSize(13).text("Relevé de prestations"));
  doc.font(font.body).fontSize(10).moveDown(0.5);
  tag(doc, root, "P", () => doc.text(pdfText(`Adhérent : ${input.memberName} — n° ${input.memberNumber}`)));
  tag(doc, root, "P", () => doc.text(`Bénéficiaire : ${input.beneficiaryName ?? "tous les bénéficiaires du contrat"}`));
  tag(doc, root, "P", () => doc.text(`Paiements du ${formatDate(input.from)} au ${formatDate(input.to)}`));
  tag(doc, root, "P", () => doc.text(`Édité le ${formatDate(input.generatedOn)}`));
  doc.moveDown();

  const left = doc.page.margins.left;
  const table = group(doc, root, "Table");
  // kind: "head" the column headers, "repeat" the same headers again on a new page (decoration, read once),
  // "body" a payment, "total" the total row (its first cell a row header).
  const row = (cells: string[], kind: "head" | "repeat" | "body" | "total") => {
    if (ensureSpace(doc, 30))
      row(
        columns.map((c) => c.title),
        "repeat",
      );
    const y = doc.y;
    let x = left;
    doc.font(kind === "body" ? font.body : font.bold).fontSize(minFontSize);
    let height = 0;
    const tr = kind === "repeat" ? undefined : group(doc, table, "TR");
    cells.forEach((cell, i) => {
      const col = columns[i]!;
      const cellX = x;
      const draw = () => doc.text(pdfText(cell), cellX, y, { width: col.width - 4, align: col.align });
      if (!tr) artifact(doc, draw);
      else if (kind === "head") tag(doc, tr, "TH", draw, { scope: "Column" });
      else if (kind === "total" && i === 0) tag(doc, tr, "TH", draw, { scope: "Row" });
      else tag(doc, tr, "TD", draw);
      height = Math.max(height, doc.y - y);
      x += col.width;
    });
    tr?.end();
    doc.x = left;
    doc.y = y + height + 4;
  };

  row(
    columns.map((c) => c.title),
    "head",
  );
  const total = { charged: 0, amo: 0, amc: 0, remaining: 0 };
  for (const line of input.lines) {
    row(
      [
        formatDate(line.paymentDate),
        formatDate(line.careDate),
        `${line.beneficiaryFirstName} ${line.beneficiaryLastName}`,
        careTypeLabel(line.careType),
        money(line.chargedCents),
        money(line.amoCents),
        money(line.amcCents),
        money(line.remainingCents),
      ],
      "body",
    );
    total.charged += line.chargedCents;
    total.amo += line.amoCents;
    total.amc += line.amcCents;
    total.remaining += line.remainingCents;
  }
  if (input.lines.length > 0) {
    row(
      [
        "Total",
        "",
        "",
        `${input.lines.length} paiement${input.lines.length > 1 ? "s" : ""}`,
        money(total.charged),
        money(total.amo),
        money(total.amc),
        money(total.remaining),
      ],
      "total",
    );
  }
  table.end();
  if (input.lines.length === 0) {
    tag(doc, root, "P", () => doc.font(font.body).fontSize(10).text("Aucun paiement sur cette période.", left));
  }
  doc.moveDown().font(font.body).fontSize(minFontSize).fillColor("#444444");
  tag(doc, root, "P", () =>
    doc.text(
      "Montants en euros. Part mutuelle : ce que votre complémentaire santé a versé. Reste à charge : ce qui n'a été remboursé ni par la Sécurité sociale ni par votre mutuelle.",
      left,
    ),
  );
  root.end();
  doc.end();
  return done;
}
