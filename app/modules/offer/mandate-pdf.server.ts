// The SEPA Direct Debit mandate (CORE, recurrent) of an online adhesion, as a tagged PDF: the creditor and its
// identifier (ICS, from configuration), the unique mandate reference (RUM), the debtor and the account, the
// mandate's standard wording, and the pre-notification of the first debits (dates and amounts).
import { createPdf, font, group, pdfText, tag } from "../documents/pdf.server.ts";
import { formatDate, formatEuros } from "../shared/format.ts";
import type { Debit } from "./adhesion-rules.ts";

export interface MandateFacts {
  creditorName: string;
  creditorAddress: string;
  creditorId: string;
  mandateRef: string;
  debtorName: string;
  debtorAddress: string;
  iban: string;
  debits: Debit[];
  /** Signed, or "à signer" while the journey is being filled. */
  signedAt: string | null;
}

export async function renderMandatePdf(facts: MandateFacts): Promise<Buffer> {
  const title = "Mandat de prélèvement SEPA";
  const { doc, done, root } = await createPdf({ title, author: facts.creditorName });
  tag(doc, root, "P", () => doc.font(font.bold).fontSize(16).text(pdfText(facts.creditorName)));
  tag(doc, root, "H1", () => doc.moveDown(0.3).fontSize(13).text(title));
  doc.font(font.body).fontSize(10).moveDown(0.5);
  const line = (text: string) => tag(doc, root, "P", () => doc.text(pdfText(text)));
  line(`Référence unique du mandat (RUM) : ${facts.mandateRef}`);
  line("Type de contrat : prélèvement SEPA « CORE », paiement récurrent (cotisations mensuelles)");
  doc.moveDown(0.5);
  tag(doc, root, "H2", () => doc.font(font.bold).text("Créancier"));
  doc.font(font.body);
  line(`${facts.creditorName} — ${facts.creditorAddress}`);
  line(`Identifiant créancier SEPA (ICS) : ${facts.creditorId}`);
  doc.moveDown(0.5);
  tag(doc, root, "H2", () => doc.font(font.bold).text("Débiteur"));
  doc.font(font.body);
  line(`Titulaire du compte : ${facts.debtorName}`);
  line(`Adresse : ${facts.debtorAddress}`);
  line(`IBAN : ${facts.iban}`);
  doc.moveDown(0.5);
  line(
    `En signant ce mandat, vous autorisez ${facts.creditorName} à envoyer des instructions à votre banque pour débiter ` +
      `votre compte, et votre banque à débiter votre compte conformément aux instructions de ${facts.creditorName}. ` +
      "Vous bénéficiez du droit d'être remboursé par votre banque selon les conditions décrites dans la convention " +
      "que vous avez passée avec elle. Une demande de remboursement doit être présentée dans les 8 semaines suivant " +
      "la date de débit de votre compte pour un prélèvement autorisé. Vos droits concernant ce mandat sont expliqués " +
      "dans un document que vous pouvez obtenir auprès de votre banque.",
  );
  doc.moveDown(0.5);
  tag(doc, root, "H2", () => doc.font(font.bold).text("Premiers prélèvements (pré-notification)"));
  doc.font(font.body);
  const list = group(doc, root, "L");
  for (const d of facts.debits) {
    const item = group(doc, list, "LI");
    tag(doc, item, "LBody", () =>
      doc.text(
        pdfText(
          `le ${formatDate(d.date)} : ${formatEuros(d.amountCents)}` +
            (d.months.length > 1 ? ` (${d.months.length} mois de cotisation)` : ""),
        ),
      ),
    );
    item.end();
  }
  list.end();
  line("Puis le même montant chaque mois à la même date. Chaque prélèvement est annoncé au moins 14 jours avant.");
  doc.moveDown();
  line(
    facts.signedAt
      ? `Signé électroniquement (code à usage unique envoyé par e-mail) le ${facts.signedAt}.`
      : "À signer en ligne, avec le code à usage unique envoyé par e-mail, à la fin de votre adhésion.",
  );
  root.end();
  doc.end();
  return done;
}
