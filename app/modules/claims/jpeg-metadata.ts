// Removes the metadata segments of a JPEG (APP1: Exif and XMP, with GPS position and camera; APP13: IPTC)
// before we store a member's photo. The image data itself is copied byte for byte. Pure.
const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const metadataMarkers = new Set([0xe1, 0xed]);

export function stripJpegMetadata(input: Uint8Array): { bytes: Uint8Array; stripped: boolean } {
  if (input[0] !== 0xff || input[1] !== SOI) return { bytes: input, stripped: false };
  const kept: Uint8Array[] = [input.subarray(0, 2)];
  let stripped = false;
  let i = 2;
  while (i + 4 <= input.length && input[i] === 0xff) {
    const marker = input[i + 1]!;
    if (marker === SOS || marker === EOI) break; // entropy-coded data follows: copy the rest as is
    const length = (input[i + 2]! << 8) | input[i + 3]!;
    const end = i + 2 + length;
    if (length < 2 || end > input.length) break; // malformed: keep what follows untouched
    if (metadataMarkers.has(marker)) stripped = true;
    else kept.push(input.subarray(i, end));
    i = end;
  }
  kept.push(input.subarray(i));
  if (!stripped) return { bytes: input, stripped: false };
  const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of kept) {
    out.set(part, offset);
    offset += part.length;
  }
  return { bytes: out, stripped: true };
}
