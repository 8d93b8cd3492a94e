import { describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { decomptesHeader as header, importApiServer, lastImportAudit } from "../support/import-api.ts";

const { handle, post } = importApiServer();

describe("a bad line does not stop the import", () => {
  it("refuses an unclosed quote, a NUL and a control character at lines 11,001–11,003 of 12,000, imports every line before and after, and audits it", async () => {
    const lines = [header];
    const professional = (n: number) =>
      n === 11_001 ? '"Dr Martin' : n === 11_002 ? "Dr\u0000Martin" : n === 11_003 ? "Dr\u0001Martin" : "";
    for (let n = 2; n <= 12_000; n++)
      lines.push(
        `BIG-${n},10000002,10000002-01,pharmacie,2026-08-10,2026-08-12,${professional(n)},1000,1000,6500,,650,350,,member`,
      );
    const res = await post(`${lines.join("\n")}\n`);
    expect(res.status).toBe(200);
    const summary = await res.json();
    expect(summary).toMatchObject({
      read: 11_999,
      accepted: 11_996,
      inserted: 11_996,
      rejected: 3,
      errorsNotListed: 0,
    });
    expect(summary.errors).toEqual([
      { line: 11_001, reason: "guillemet non fermé : la ligne est illisible" },
      { line: 11_002, reason: "professional : caractère de contrôle interdit (U+0000)" },
      { line: 11_003, reason: "professional : caractère de contrôle interdit (U+0001)" },
    ]);
    const imported = await handle.server.services.db
      .select({ id: reimbursementLine.sourceLineId })
      .from(reimbursementLine)
      .where(like(reimbursementLine.sourceLineId, "BIG-%"));
    const ids = new Set(imported.map((l) => l.id));
    expect(ids.size).toBe(11_996);
    expect(["BIG-2", "BIG-11000", "BIG-11004", "BIG-12000"].every((id) => ids.has(id))).toBe(true);
    expect(["BIG-11001", "BIG-11002", "BIG-11003"].some((id) => ids.has(id))).toBe(false);
    const audit = await lastImportAudit(handle.server);
    expect(audit).toMatchObject({
      outcome: "success",
      details: { source: "api", read: 11_999, inserted: 11_996, rejected: 3, firstRejectedLine: 11_001 },
    });
  });

  it("refuses a NUL and a half surrogate pair in JSON Lines, and takes the next line", async () => {
    const record = (id: string, professional: string) => ({
      line_id: id,
      member_number: "10000002",
      beneficiary_ref: "10000002-01",
      care_type: "pharmacie",
      care_date: "2026-08-10",
      payment_date: "2026-08-13",
      professional,
      charged_cents: 1000,
      base_cents: 1000,
      amo_cents: 650,
      amc_cents: 350,
      paid_to: "member",
    });
    const body = [record("JNUL-1", "Dr\u0000"), record("JNUL-2", "Dr \uD800"), record("JNUL-3", "Dr Martin")]
      .map((r) => JSON.stringify(r))
      .join("\n");
    const summary = await (await post(body, { contentType: "application/x-ndjson" })).json();
    expect(summary).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    expect(summary.errors).toEqual([
      { line: 1, reason: "professional : caractère de contrôle interdit (U+0000)" },
      { line: 2, reason: "professional : caractère Unicode invalide" },
    ]);
  });

  it("refuses a CSV file whose header lacks columns with 422 and a French message, and audits the failure", async () => {
    const res = await post("id;montant\n1;2\n");
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error:
        "Fichier illisible : en-tête (ligne 1) : colonnes manquantes : line_id, member_number, beneficiary_ref, care_type, care_date, payment_date, charged_cents, base_cents, amo_cents, amc_cents, paid_to. Rien n'a été importé.",
    });
    const audit = await lastImportAudit(handle.server);
    expect(audit).toMatchObject({ outcome: "failure", details: { source: "api", reason: "UnreadableImportError" } });
  });
});

describe("amounts", () => {
  it("refuses an empty amount, 0x10, 1e3, a leading space, a decimal comma or point in CSV, each with its reason in French", async () => {
    const row = (id: string, charged: string) =>
      `AMT-${id},10000002,10000002-01,pharmacie,2026-08-10,2026-08-15,,${charged},1000,6500,,0,0,,member`;
    const body = [
      header,
      row("1", ""),
      row("2", "0x10"),
      row("3", "1e3"),
      row("4", '" 12"'),
      row("5", '"12,5"'),
      row("6", "12.50"),
      row("7", "1250"),
    ].join("\n");
    const summary = await (await post(body)).json();
    expect(summary).toMatchObject({ read: 7, inserted: 1, rejected: 6 });
    const digitsOnly =
      "charged_cents : nombre entier attendu, en chiffres uniquement (sans espace, signe ni exposant) (montant en centimes : 12,50 € s'écrit 1250)";
    const noSeparator =
      "charged_cents : nombre entier attendu, sans virgule ni point (montant en centimes : 12,50 € s'écrit 1250)";
    expect(summary.errors).toEqual([
      { line: 2, reason: "charged_cents manquant (montant en centimes : 12,50 € s'écrit 1250)" },
      { line: 3, reason: digitsOnly },
      { line: 4, reason: digitsOnly },
      { line: 5, reason: digitsOnly },
      { line: 6, reason: noSeparator },
      { line: 7, reason: noSeparator },
    ]);
    const [line] = await handle.server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, "AMT-7"));
    expect(line).toMatchObject({ chargedCents: 1250 });
  });

  it("takes a JSON whole number of cents, and refuses a JSON number with a fraction (12.5, or a float artefact)", async () => {
    const record = (id: string, charged: unknown) =>
      JSON.stringify({
        line_id: `JAMT-${id}`,
        member_number: "10000002",
        beneficiary_ref: "10000002-01",
        care_type: "pharmacie",
        care_date: "2026-08-10",
        payment_date: "2026-08-15",
        charged_cents: charged,
        base_cents: 1000,
        amo_cents: 0,
        amc_cents: 0,
        paid_to: "member",
      });
    const body = [
      record("1", 1250),
      record("2", "1250"),
      record("3", 12.5),
      record("4", 0.1 * 3 * 100),
      record("5", ""),
    ].join("\n");
    const summary = await (await post(body, { contentType: "application/x-ndjson" })).json();
    expect(summary).toMatchObject({ read: 5, inserted: 2, rejected: 3 });
    const fraction =
      "charged_cents : nombre entier attendu, sans décimales (montant en centimes : 12,50 € s'écrit 1250)";
    expect(summary.errors).toEqual([
      { line: 3, reason: fraction },
      { line: 4, reason: fraction },
      { line: 5, reason: "charged_cents manquant (montant en centimes : 12,50 € s'écrit 1250)" },
    ]);
  });
});
