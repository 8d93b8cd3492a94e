// Lines out of a byte stream, for both import formats, with the errors both formats share.
import { setImmediate as nextTurn } from "node:timers/promises";

/** The file could not be read at all (a header row missing required columns...): nothing was imported. */
export class UnreadableImportError extends Error {
  override name = "UnreadableImportError";
}

export const lineTooLong = (maxLineBytes: number) => `ligne trop longue : ${maxLineBytes} octets au plus`;

/** One line of the file, decoded (invalid UTF-8 becomes U+FFFD, refused at validation), or too long to keep. */
export type PhysicalLine = { line: number; text: string; tooLong?: false } | { line: number; tooLong: true };

/**
 * Splits a byte stream into lines. Each chunk is searched for newlines once (never the bytes already seen). A
 * line longer than `maxLineBytes` is reported as soon as it passes the limit, and the rest of it is skipped as
 * it arrives, never buffered. The event loop gets a turn after every chunk, so that a large body never holds
 * up other requests.
 */
export async function* physicalLines(
  input: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<PhysicalLine> {
  let line = 0;
  let pieces: Buffer[] = [];
  let pendingBytes = 0;
  /** The current line was reported too long: drop everything up to the next newline. */
  let skipping = false;
  const take = (text: string): PhysicalLine => {
    line += 1;
    return { line, text: line === 1 && text.startsWith("\uFEFF") ? text.slice(1) : text };
  };
  const tooLong = (): PhysicalLine => {
    line += 1;
    pieces = [];
    pendingBytes = 0;
    return { line, tooLong: true };
  };
  for await (const data of input) {
    const chunk = typeof data === "string" ? Buffer.from(data) : data;
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      if (skipping) skipping = false;
      else if (pendingBytes + (newline - start) > maxLineBytes) yield tooLong();
      else if (pieces.length === 0) yield take(chunk.toString("utf8", start, newline));
      else yield take(Buffer.concat([...pieces, chunk.subarray(start, newline)]).toString("utf8"));
      pieces = [];
      pendingBytes = 0;
      start = newline + 1;
    }
    const rest = chunk.length - start;
    if (rest > 0 && !skipping) {
      if (pendingBytes + rest > maxLineBytes) {
        skipping = true;
        yield tooLong();
      } else {
        pieces.push(chunk.subarray(start));
        pendingBytes += rest;
      }
    }
    await nextTurn();
  }
  if (pendingBytes > 0) yield take(Buffer.concat(pieces).toString("utf8"));
}
