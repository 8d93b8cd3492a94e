// CSV records out of numbered lines: header row first, "," and ";" both separate fields, a field in double
// quotes may hold separators, doubled quotes ("") and line breaks (RFC 4180).
//
// Written here rather than with csv-parse because a CSV parser cannot resume after an unclosed quote: every
// line after it becomes part of one quoted field, and csv-parse (even skipping records with errors) loses
// the rest of the file. Here a quoted field may run over several lines only while the record stays under the
// line-length cap and ends with the header's number of fields; otherwise its first line is refused ("guillemet
// non fermé") and the lines after it are read again as records of their own.
import type { NumberedRecord } from "./read-records.ts";
import { lineTooLong, type PhysicalLine, UnreadableImportError } from "./read-lines.ts";
import { requiredFields } from "./record-schema.ts";

type Parsed = { fields: string[] } | { open: true } | { error: string };

/** Fields of one record, fed line by line: a quoted field still open at the end of a line continues on the next. */
class RecordParser {
  private fields: string[] = [];
  private field = "";
  private inQuotes = false;
  /** The current field was quoted and its closing quote seen: only a separator may follow. */
  private closed = false;

  feed(text: string): Parsed {
    // Most lines have no quote at all: split them in one call.
    if (!this.inQuotes && this.fields.length === 0 && this.field === "" && !text.includes('"')) {
      return { fields: withoutCr(text).split(separators) };
    }
    const end = withoutCr(text).length;
    for (let i = 0; i < end; i++) {
      const c = text[i]!;
      if (this.inQuotes) {
        const quote = text.indexOf('"', i);
        if (quote === -1 || quote >= end) {
          this.field += text.slice(i, end);
          break;
        }
        this.field += text.slice(i, quote);
        if (text[quote + 1] === '"' && quote + 1 < end) {
          this.field += '"';
          i = quote + 1;
        } else {
          this.inQuotes = false;
          this.closed = true;
          i = quote;
        }
      } else if (c === "," || c === ";") {
        this.fields.push(this.field);
        this.field = "";
        this.closed = false;
      } else if (this.closed) {
        return { error: "caractère inattendu après un guillemet fermant (séparateur attendu)" };
      } else if (c === '"') {
        if (this.field !== "")
          return {
            error:
              'guillemet mal placé : un champ qui contient des guillemets doit être entre guillemets, et les siens doublés ("")',
          };
        this.inQuotes = true;
      } else {
        this.field += c;
      }
    }
    if (this.inQuotes) {
      // The line break belongs to the quoted field (with its carriage return, if the file has CRLF lines).
      this.field += `${text.slice(end)}\n`;
      return { open: true };
    }
    this.fields.push(this.field);
    return { fields: this.fields };
  }
}

const separators = /[,;]/;
const withoutCr = (text: string) => (text.endsWith("\r") ? text.slice(0, -1) : text);
const unclosedQuote = "guillemet non fermé : la ligne est illisible";

export async function* readCsvRecords(
  lines: AsyncIterable<PhysicalLine>,
  maxLineBytes: number,
  required: readonly string[] = requiredFields,
): AsyncGenerator<NumberedRecord> {
  const source = lines[Symbol.asyncIterator]();
  // Lines to read again, in order, after a record that spanned them was refused.
  const again: PhysicalLine[] = [];
  const next = async (): Promise<PhysicalLine | undefined> => {
    const kept = again.shift();
    if (kept) return kept;
    const read = await source.next();
    return read.done ? undefined : read.value;
  };
  let header: string[] | null = null;
  let open: { line: number; text: string }[] = [];
  let openBytes = 0;
  let parser = new RecordParser();
  // A line refused; without the header row, though, no line can be read: the file is refused whole.
  const refuse = (line: number, reason: string): NumberedRecord => {
    if (!header) throw new UnreadableImportError(`en-tête (ligne ${line}) : ${reason}`);
    return { line, raw: null, error: reason };
  };
  // Refuses the first line of a record that ran over several lines, and queues the others to be read again.
  const refuseOpen = (reason: string): NumberedRecord => {
    const [first, ...rest] = open;
    again.unshift(...rest);
    open = [];
    openBytes = 0;
    parser = new RecordParser();
    return refuse(first!.line, reason);
  };

  for (let physical = await next(); physical !== undefined || open.length > 0; physical = await next()) {
    if (physical === undefined) {
      yield refuseOpen(unclosedQuote);
      continue;
    }
    if (physical.tooLong) {
      if (open.length > 0) {
        again.unshift(physical);
        yield refuseOpen(unclosedQuote);
      } else {
        yield refuse(physical.line, lineTooLong(maxLineBytes));
      }
      continue;
    }
    if (open.length === 0 && physical.text.trim() === "") continue;
    open.push(physical);
    openBytes += physical.text.length;
    const parsed = parser.feed(physical.text);
    if ("open" in parsed) {
      if (openBytes > maxLineBytes) yield refuseOpen(unclosedQuote);
      continue;
    }
    if ("error" in parsed) {
      yield refuseOpen(open.length > 1 ? unclosedQuote : parsed.error);
      continue;
    }
    if (open.length > 1 && header && parsed.fields.length !== header.length) {
      yield refuseOpen(unclosedQuote);
      continue;
    }
    const line = open[0]!.line;
    open = [];
    openBytes = 0;
    parser = new RecordParser();
    if (!header) {
      header = parsed.fields.map((h) => h.trim());
      const missing = required.filter((f) => !header!.includes(f));
      if (missing.length > 0) {
        throw new UnreadableImportError(
          `en-tête (ligne ${line}) : colonne${missing.length > 1 ? "s" : ""} manquante${missing.length > 1 ? "s" : ""} : ${missing.join(", ")}`,
        );
      }
      continue;
    }
    const raw: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) {
      const value = parsed.fields[i];
      if (value !== undefined) raw[header[i]!] = value;
    }
    yield { line, raw };
  }
}
