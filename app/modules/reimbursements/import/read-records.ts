// Reads records from a CSV (header row, "," or ";" separated) or JSON Lines stream, with their line numbers.
import type { Readable } from "node:stream";
import { parse } from "csv-parse";

export type ImportFormat = "csv" | "jsonl";

export interface NumberedRecord {
  line: number;
  raw: unknown;
  /** Set when the line could not even be read (malformed JSON...). */
  error?: string;
}

export function formatFromName(name: string): ImportFormat | null {
  if (/\.csv$/i.test(name)) return "csv";
  if (/\.(jsonl|ndjson)$/i.test(name)) return "jsonl";
  return null;
}

export function formatFromContentType(contentType: string | null): ImportFormat | null {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === "text/csv") return "csv";
  if (type === "application/x-ndjson" || type === "application/jsonl" || type === "application/x-jsonlines") return "jsonl";
  return null;
}

export async function* readRecords(input: Readable, format: ImportFormat): AsyncGenerator<NumberedRecord> {
  if (format === "csv") {
    // Rows as arrays, keyed by the header here: csv-parse's own `columns` mode costs twice the time.
    const parser = input.pipe(parse({ bom: true, delimiter: [",", ";"], skip_empty_lines: true, relax_column_count: true, info: true }));
    // pipe() does not pass on an error of the input (body cut, over its limit): the reading below would wait
    // for ever, and the error would have no listener.
    input.on("error", (error) => parser.destroy(error));
    let header: string[] | null = null;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((h) => h.trim());
        continue;
      }
      const raw: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) {
        const value = record[i];
        if (value !== undefined) raw[header[i]!] = value;
      }
      yield { line: info.lines, raw };
    }
    return;
  }
  let line = 0;
  let buffered = "";
  const decoder = new TextDecoder("utf-8");
  const emit = (text: string): NumberedRecord | null => {
    line += 1;
    const trimmed = text.replace(/^\uFEFF/, "").trim();
    if (!trimmed) return null;
    try {
      const value: unknown = JSON.parse(trimmed);
      if (typeof value !== "object" || value === null || Array.isArray(value)) return { line, raw: null, error: "objet JSON attendu" };
      // JSON numbers arrive as numbers; the schema coerces both, strings included.
      return { line, raw: value };
    } catch {
      return { line, raw: null, error: "JSON illisible" };
    }
  };
  for await (const chunk of input) {
    buffered += decoder.decode(chunk as Buffer, { stream: true });
    let newline = buffered.indexOf("\n");
    while (newline !== -1) {
      const record = emit(buffered.slice(0, newline));
      if (record) yield record;
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf("\n");
    }
  }
  buffered += decoder.decode();
  if (buffered) {
    const record = emit(buffered);
    if (record) yield record;
  }
}
