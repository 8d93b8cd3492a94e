import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { type NumberedRecord, readRecords, UnreadableImportError } from "./read-records.ts";

const header =
  "line_id,member_number,beneficiary_ref,care_type,care_date,payment_date,professional,charged_cents,base_cents,amo_cents,amc_cents,paid_to";
const row = (id: string, professional = "") =>
  `${id},10000002,10000002-01,pharmacie,2026-10-01,2026-10-03,${professional},1000,1000,650,350,member`;

async function all(records: AsyncIterable<NumberedRecord>) {
  const out: NumberedRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}
const csv = (text: string | Buffer, maxLineBytes?: number) =>
  all(readRecords(Readable.from([Buffer.from(text)]), "csv", { maxLineBytes }));
const summary = (records: NumberedRecord[]) =>
  records.map((r) =>
    r.error
      ? [r.line, r.error]
      : [r.line, (r.raw as { line_id: string }).line_id, (r.raw as { professional?: string }).professional],
  );

describe("reading CSV", () => {
  it("reads quoted fields with separators, doubled quotes and line breaks, CRLF and a BOM", async () => {
    const text = `\uFEFF${header}\r\n${row("A", '"Optique; du ""Centre"""')}\r\n${row("B", '"Cabinet\r\nBât. B"')}\r\n${row("C")}\r\n`;
    expect(summary(await csv(text))).toEqual([
      [2, "A", 'Optique; du "Centre"'],
      [3, "B", "Cabinet\r\nBât. B"],
      [5, "C", ""],
    ]);
  });

  it("refuses a line with an unclosed quote and still reads every line after it, to the end of the file", async () => {
    const lines = [header, row("L2"), row("L3", '"Dr Martin'), row("L4"), row("L5"), row("L6")];
    expect(summary(await csv(`${lines.join("\n")}\n`))).toEqual([
      [2, "L2", ""],
      [3, "guillemet non fermé : la ligne est illisible"],
      [4, "L4", ""],
      [5, "L5", ""],
      [6, "L6", ""],
    ]);
  });

  it("refuses an unclosed quote whose 'closing' quote is on a later line, and reads that line again on its own", async () => {
    const lines = [header, row("L2", '"Dr Martin'), row("L3"), row("L4", '"Cabinet, Lyon"'), row("L5")];
    expect(summary(await csv(`${lines.join("\n")}\n`))).toEqual([
      [2, "guillemet non fermé : la ligne est illisible"],
      [3, "L3", ""],
      [4, "L4", "Cabinet, Lyon"],
      [5, "L5", ""],
    ]);
  });

  it("gives up on an open quote after the line-length limit, without holding the rest of the file", async () => {
    const after = Array.from({ length: 200 }, (_, i) => row(`N${i}`));
    const records = await csv(`${[header, row("Q", '"open'), ...after].join("\n")}\n`, 2048);
    expect(records[0]).toEqual({ line: 2, raw: null, error: "guillemet non fermé : la ligne est illisible" });
    expect(records.slice(1).map((r) => (r.raw as { line_id: string }).line_id)).toEqual(after.map((_, i) => `N${i}`));
    expect(records.slice(1).map((r) => r.line)).toEqual(after.map((_, i) => i + 3));
  });

  it("refuses misplaced quotes and text after a closing quote, line by line", async () => {
    const lines = [header, row("A", 'Dr "Bob"'), row("B", '"Dr" Bob'), row("C")];
    expect(summary(await csv(lines.join("\n")))).toEqual([
      [
        2,
        'guillemet mal placé : un champ qui contient des guillemets doit être entre guillemets, et les siens doublés ("")',
      ],
      [3, "caractère inattendu après un guillemet fermant (séparateur attendu)"],
      [4, "C", ""],
    ]);
  });

  it("refuses a line longer than the limit and reads the next ones", async () => {
    const records = await csv(`${[header, row("A", "x".repeat(5000)), row("B")].join("\n")}\n`, 2048);
    expect(summary(records)).toEqual([
      [2, "ligne trop longue : 2048 octets au plus"],
      [3, "B", ""],
    ]);
  });

  it("refuses a file whose header lacks required columns, in French", async () => {
    await expect(csv("id;montant\n1;2\n")).rejects.toThrow(UnreadableImportError);
    await expect(csv("id;montant\n1;2\n")).rejects.toThrow(
      "en-tête (ligne 1) : colonnes manquantes : line_id, member_number",
    );
  });

  it("refuses a file whose header cannot be read (unclosed quote, too long) rather than taking a data line for it", async () => {
    await expect(csv(`"line_id,${header.slice(8)}\n${row("A")}\n`)).rejects.toThrow(
      "en-tête (ligne 1) : guillemet non fermé : la ligne est illisible",
    );
    await expect(csv(`${header},${"x".repeat(3000)}\n${row("A")}\n`, 2048)).rejects.toThrow(
      "en-tête (ligne 1) : ligne trop longue : 2048 octets au plus",
    );
  });
});

describe("reading JSON Lines", () => {
  it("reports a line over the limit as soon as it passes it, without reading the rest of it first", async () => {
    let chunksRead = 0;
    async function* body() {
      // 16 MiB without a newline, then one good line.
      for (let i = 0; i < 256; i++) {
        chunksRead += 1;
        yield Buffer.alloc(64 * 1024, "x");
      }
      yield Buffer.from('\n{"line_id":"AFTER"}\n');
    }
    const records = readRecords(Readable.from(body()), "jsonl", { maxLineBytes: 64 * 1024 });
    const first = await records.next();
    expect(first.value).toEqual({ line: 1, raw: null, error: "ligne trop longue : 65536 octets au plus" });
    expect(chunksRead).toBeLessThan(256);
    expect(await all(records)).toEqual([{ line: 2, raw: { line_id: "AFTER" } }]);
  });

  it("reads lines split across chunks anywhere, even inside a multi-byte character", async () => {
    const text = Buffer.from('{"professional":"Hélène"}\n\n{"professional":"Zoé"}');
    const chunks = [...text].map((byte) => Buffer.from([byte]));
    const records = await all(readRecords(Readable.from(chunks), "jsonl"));
    expect(records).toEqual([
      { line: 1, raw: { professional: "Hélène" } },
      { line: 3, raw: { professional: "Zoé" } },
    ]);
  });

  it("refuses unreadable JSON and what is not an object, line by line", async () => {
    const records = await all(readRecords(Readable.from(['{"a":\n[1]\n"x"\n{"b":1}\n']), "jsonl"));
    expect(records).toEqual([
      { line: 1, raw: null, error: "JSON illisible" },
      { line: 2, raw: null, error: "objet JSON attendu" },
      { line: 3, raw: null, error: "objet JSON attendu" },
      { line: 4, raw: { b: 1 } },
    ]);
  });
});
