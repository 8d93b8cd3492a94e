// Reads records from a CSV (header row, "," or ";" separated) or JSON Lines stream, with their line numbers.
// Nothing in the input stops the reading: a line that cannot be read (too long, unclosed quote, bad JSON)
// comes out as a record with an error, and the lines after it are still read.
import type { Readable } from "node:stream";
import { readCsvRecords } from "./read-csv.ts";
import { lineTooLong, physicalLines, type PhysicalLine } from "./read-lines.ts";

export { UnreadableImportError } from "./read-lines.ts";

export type ImportFormat = "csv" | "jsonl";

export interface NumberedRecord {
  line: number;
  raw: unknown;
  /** Set when the line could not even be read (malformed JSON, unclosed quote, too long...). */
  error?: string;
}

export interface ReadOptions {
  /** Longest line accepted, in bytes (IMPORT_MAX_LINE_BYTES); a longer one is refused and skipped unread. */
  maxLineBytes?: number;
  /** CSV columns the header must name (default: the décomptes' required fields). */
  requiredColumns?: readonly string[];
}

export const defaultMaxLineBytes = 64 * 1024;

export function formatFromName(name: string): ImportFormat | null {
  if (/\.csv$/i.test(name)) return "csv";
  if (/\.(jsonl|ndjson)$/i.test(name)) return "jsonl";
  return null;
}

export function formatFromContentType(contentType: string | null): ImportFormat | null {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === "text/csv") return "csv";
  if (type === "application/x-ndjson" || type === "application/jsonl" || type === "application/x-jsonlines")
    return "jsonl";
  return null;
}

export function readRecords(
  input: Readable,
  format: ImportFormat,
  { maxLineBytes = defaultMaxLineBytes, requiredColumns }: ReadOptions = {},
): AsyncGenerator<NumberedRecord> {
  // The generators below listen to the stream only once it is first read. An error before that (a file that
  // does not exist, found while the import opens its transaction) would have no listener and stop the process;
  // the stream keeps it (readable.errored) and the first read reports it, so this listener only keeps it quiet.
  input.on("error", () => {});
  const lines = physicalLines(input, maxLineBytes);
  return format === "csv" ? readCsvRecords(lines, maxLineBytes, requiredColumns) : readJsonLines(lines, maxLineBytes);
}

async function* readJsonLines(
  lines: AsyncIterable<PhysicalLine>,
  maxLineBytes: number,
): AsyncGenerator<NumberedRecord> {
  for await (const physical of lines) {
    const { line } = physical;
    if (physical.tooLong) {
      yield { line, raw: null, error: lineTooLong(maxLineBytes) };
      continue;
    }
    const trimmed = physical.text.trim();
    if (!trimmed) continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      yield { line, raw: null, error: "JSON illisible" };
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
      yield { line, raw: null, error: "objet JSON attendu" };
    else yield { line, raw: value };
  }
}
