// Removes the metadata segments of a JPEG (APP1: Exif and XMP, with GPS position and camera; APP13: IPTC)
// before we store a member's photo. The image data itself is copied byte for byte. Pure.
const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const metadataMarkers = new Set([0xe1, 0xed]);

export interface JpegHeaderPlan {
  /** SOI and every header segment we keep, in order. */
  keptHeader: Uint8Array;
  /** Where the rest of the file (from the start-of-scan marker on) begins: copied as it is. */
  dataStart: number;
  stripped: boolean;
}

/**
 * Reads the segments before the image data in `head` (the first bytes of the file). Null when `head` does
 * not reach the start of the image data: then nothing is changed.
 */
export function jpegHeaderPlan(head: Uint8Array): JpegHeaderPlan | null {
  if (head[0] !== 0xff || head[1] !== SOI) return null;
  const kept: Uint8Array[] = [head.subarray(0, 2)];
  let stripped = false;
  let i = 2;
  while (i + 4 <= head.length && head[i] === 0xff) {
    const marker = head[i + 1]!;
    if (marker === SOS || marker === EOI) {
      const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0));
      let offset = 0;
      for (const part of kept) {
        out.set(part, offset);
        offset += part.length;
      }
      return { keptHeader: out, dataStart: i, stripped };
    }
    const length = (head[i + 2]! << 8) | head[i + 3]!;
    const end = i + 2 + length;
    if (length < 2 || end > head.length) return null; // malformed, or beyond what we read
    if (metadataMarkers.has(marker)) stripped = true;
    else kept.push(head.subarray(i, end));
    i = end;
  }
  return null;
}

/** The whole-buffer form, for a file already in memory. */
export function stripJpegMetadata(input: Uint8Array): { bytes: Uint8Array; stripped: boolean } {
  const plan = jpegHeaderPlan(input);
  if (!plan || !plan.stripped) return { bytes: input, stripped: false };
  const rest = input.subarray(plan.dataStart);
  const out = new Uint8Array(plan.keptHeader.length + rest.length);
  out.set(plan.keptHeader, 0);
  out.set(rest, plan.keptHeader.length);
  return { bytes: out, stripped: true };
}
