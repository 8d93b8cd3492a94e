// The attestation de droits and the échéancier de cotisations, rendered from current data at download.
// Tagged (see pdf.server.ts): the title is the H1, the people a list, the debits a table with column headers.
import { formatDate, formatEuros } from "../shared/format.ts";
import type { Debit } from "./premium-schedule.ts";
import { createPdf, group, pdfText, font, tag, type StructureElement } from "./pdf.server.ts";
import type { ContractFacts } from "./queries.server.ts";

const roleLabels: Record<string, string> = {
  member: "Adhérent",
  spouse: "Conjoint",
  child: "Enfant",
  other: "Bénéficiaire",
};

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
  { brandName, today, responsible }: { brandName: string; today: string; responsible: boolean },
): Promise<Buffer> {
  const { doc, done, root } = await createPdf({ title: "Attestation de droits", author: brandName });
  header(doc, root, brandName, "Attestation de droits", facts);
  doc.moveDown();
  tag(doc, root, "P", () =>
    doc.text(
      pdfText(
        `${brandName} atteste que les personnes ci-dessous sont couvertes par le contrat de complémentaire santé n° ${facts.memberNumber}, ` +
          `niveau de garantie ${facts.coverageLevel}${responsible ? " (contrat responsable)" : ""}, à la date du ${formatDate(today)} :`,
      ),
    ),
  );
  doc.moveDown();
  const covered = facts.people.filter(
    (p) => p.coverageStart <= today && (p.coverageEnd === null || p.coverageEnd >= today),
  );
  const list = group(doc, root, "L");
  for (const p of covered) {
    const item = group(doc, list, "LI");
    tag(doc, item, "LBody", () => {
      doc.font(font.bold).text(pdfText(`${p.lastName.toUpperCase()} ${p.firstName}`), { continued: true });
      doc
        .font(font.body)
        .text(
          pdfText(
            ` — ${roleLabels[p.role] ?? "Bénéficiaire"}, date de naissance : ${formatDate(p.birthDate)}, couverture depuis le ${formatDate(p.coverageStart)}`,
          ),
        );
    });
    item.end();
  }
  list.end();
  doc.moveDown(2);
  tag(doc, root, "P", () => doc.text(pdfText(`Fait pour servir et valoir ce que de droit, le ${formatDate(today)}.`)));
  tag(doc, root, "P", () => doc.moveDown().font(font.bold).text(pdfText(brandName)));
  root.end();
  doc.end();
  return done;
}

export async function renderPremiumSchedulePdf(
  facts: ContractFacts,
  { brandName, year, debits, creditorId }: { brandName: string; year: number; debits: Debit[]; creditorId: string },
): Promise<Buffer> {
  const { doc, done, root } = await createPdf({ title: `Échéancier de cotisations ${year}`, author: brandName });
  header(doc, root, brandName, `Échéancier de cotisations ${year}`, facts);
  tag(doc, root, "P", () => doc.text(`Niveau de garantie : ${facts.coverageLevel}`));
  doc.moveDown(0.5);
  tag(doc, root, "P", () =>
    doc.text(
      pdfText(`Prélèvement SEPA — référence unique du mandat (RUM) : ${facts.sepaMandateRef ?? "non communiquée"}`),
    ),
  );
  tag(doc, root, "P", () => doc.text(pdfText(`Identifiant créancier SEPA (ICS) : ${creditorId}`)));
  tag(doc, root, "P", () => doc.text(pdfText(`Compte débité : ${facts.ibanMasked ?? "non renseigné"}`)));
  doc.moveDown();
  debitsTable(doc, root, debits, { totalLabel: `Total ${year}`, firstColumnWidth: 200 });
  tag(doc, root, "P", () =>
    doc
      .font(font.body)
      .fontSize(9)
      .moveDown(2)
      .text("Chaque prélèvement vous est annoncé par cet échéancier au moins 14 jours avant sa date.", 40),
  );
  root.end();
  doc.end();
  return done;
}

/** The attestation de cotisations for the tax return: the cotisations paid in `year`, debit by debit (tagged like the échéancier). */
export async function renderTaxCertificatePdf(
  facts: ContractFacts,
  { brandName, year, debits, issuedOn }: { brandName: string; year: number; debits: Debit[]; issuedOn: string },
): Promise<Buffer> {
  const title = `Attestation de cotisations ${year}`;
  const { doc, done, root } = await createPdf({ title, author: brandName });
  header(doc, root, brandName, title, facts);
  doc.moveDown(0.5);
  tag(doc, root, "P", () =>
    doc.text(
      pdfText(
        `${brandName} atteste que ${facts.memberName} a versé, au titre de son contrat santé (niveau ${facts.coverageLevel}), les cotisations suivantes du 1er janvier au 31 décembre ${year}.`,
      ),
    ),
  );
  doc.moveDown();
  debitsTable(doc, root, debits, { totalLabel: `Total des cotisations versées en ${year}`, firstColumnWidth: 300 });
  tag(doc, root, "P", () =>
    doc
      .font(font.body)
      .fontSize(9)
      .moveDown(2)
      .text(
        pdfText(
          `Établie le ${formatDate(issuedOn)}, pour servir et valoir ce que de droit. Les cotisations d'un contrat santé individuel ne sont en général pas déductibles du revenu ; elles le sont pour un contrat « Madelin » de travailleur non salarié : renseignez-vous sur votre situation.`,
        ),
        40,
      ),
  );
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
