// Removes every metadata block of the image types we accept, streaming, before a member's photo is stored:
// - JPEG: APP1 to APP15 segments (Exif with the GPS position, XMP, ICC, IPTC, maker data...) and comments
//   (COM), wherever they sit (between the scans of a progressive JPEG too), and anything after the end of the
//   image (EOI): appended files, the extra pictures of "multi-picture" JPEGs. APP0 (JFIF) is kept, and the
//   14-byte Adobe APP14 (it says how to read the colours of CMYK scans; it has no room for anything else).
// - PNG: every chunk but those that draw the image (IHDR, PLTE, IDAT, IEND, tRNS, gAMA, cHRM, sRGB, sBIT,
//   pHYs, bKGD, and the animation chunks): tEXt, zTXt, iTXt, eXIf, tIME, iCCP and private chunks go; and
//   anything after IEND.
// The image data is copied byte for byte. A file whose structure cannot be followed is refused (the caller
// says "illisible"): we never store what we could not clean. Pure; works chunk by chunk.

export class UnreadableImage extends Error {}

export interface MetadataStripper {
  /** Feeds the next bytes of the file; returns what to write. */
  push(chunk: Uint8Array): Uint8Array[];
  /** The end of the file: throws UnreadableImage if the image is incomplete. */
  end(): void;
  /** True once anything was removed. */
  readonly stripped: boolean;
}

export function createMetadataStripper(mimeType: string): MetadataStripper | null {
  if (mimeType === "image/jpeg") return new JpegStripper();
  if (mimeType === "image/png") return new PngStripper();
  return null;
}

/** The whole-buffer form, for tests and files already in memory. */
export function stripImageMetadata(input: Uint8Array, mimeType: string): { bytes: Uint8Array; stripped: boolean } {
  const stripper = createMetadataStripper(mimeType);
  if (!stripper) return { bytes: input, stripped: false };
  const parts = stripper.push(input);
  stripper.end();
  return stripper.stripped ? { bytes: Buffer.concat(parts), stripped: true } : { bytes: input, stripped: false };
}

/** Bytes received but not yet decided on, and the helpers both parsers need. */
abstract class Reader {
  protected buf: Buffer = Buffer.alloc(0);
  stripped = false;
  protected out: Uint8Array[] = [];
  /** Bytes of the current block still to copy (keep) or drop (skip). */
  protected remaining = 0;
  protected keep = true;

  push(chunk: Uint8Array): Uint8Array[] {
    this.buf = this.buf.length
      ? Buffer.concat([this.buf, chunk])
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.out = [];
    this.run();
    return this.out;
  }

  protected abstract run(): void;
  abstract end(): void;

  /** Moves `n` bytes from the front of the buffer to the output (or drops them). */
  protected take(n: number, keep: boolean) {
    if (keep) this.out.push(this.buf.subarray(0, n));
    this.buf = this.buf.subarray(n);
  }

  /** Copies or drops the rest of the current block, as far as the buffer goes; true when it is done. */
  protected block(): boolean {
    const n = Math.min(this.remaining, this.buf.length);
    this.take(n, this.keep);
    this.remaining -= n;
    return this.remaining === 0;
  }
}

const SOI = 0xd8,
  EOI = 0xd9,
  SOS = 0xda,
  COM = 0xfe,
  APP0 = 0xe0,
  APP14 = 0xee;

class JpegStripper extends Reader {
  private state: "start" | "marker" | "segment" | "entropy" | "after" = "start";
  private afterSegment: "marker" | "entropy" = "marker";

  protected run() {
    for (;;) {
      if (this.state === "after") {
        if (this.buf.length > 0) this.stripped = true; // data after the end of the image
        this.buf = Buffer.alloc(0);
        return;
      }
      if (this.state === "segment") {
        if (!this.block()) return;
        this.state = this.afterSegment;
        continue;
      }
      if (this.state === "start") {
        if (this.buf.length < 2) return;
        if (this.buf[0] !== 0xff || this.buf[1] !== SOI) throw new UnreadableImage("no SOI");
        this.take(2, true);
        this.state = "marker";
        continue;
      }
      if (this.state === "entropy") {
        // Compressed data: 0xFF is followed by 0x00 (a stuffed byte) or a restart marker; anything else is a
        // marker that ends the scan.
        let i = 0;
        for (;;) {
          i = this.buf.indexOf(0xff, i);
          if (i < 0 || i === this.buf.length - 1) break;
          const next = this.buf[i + 1]!;
          if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
          else break;
        }
        if (i < 0) {
          this.take(this.buf.length, true);
          return;
        }
        this.take(i, true);
        if (this.buf.length < 2) return; // a 0xFF at the very end: wait for the next byte
        this.state = "marker";
        continue;
      }
      // state "marker"
      if (this.buf.length < 2) return;
      if (this.buf[0] !== 0xff) throw new UnreadableImage("marker expected");
      const marker = this.buf[1]!;
      if (marker === 0xff) {
        this.take(1, true); // fill byte
        continue;
      }
      if (marker === EOI) {
        this.take(2, true);
        this.state = "after";
        continue;
      }
      if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        this.take(2, true); // standalone markers
        continue;
      }
      if (this.buf.length < 4) return;
      const length = this.buf.readUInt16BE(2);
      if (length < 2) throw new UnreadableImage("bad segment length");
      const metadata = (marker > APP0 && marker <= 0xef) || marker === COM;
      let keep = !metadata;
      if (marker === APP14 && length === 14) {
        if (this.buf.length < 9) return;
        keep = this.buf.toString("latin1", 4, 9) === "Adobe";
      }
      if (!keep) this.stripped = true;
      this.keep = keep;
      this.take(4, keep);
      this.remaining = length - 2;
      this.afterSegment = marker === SOS ? "entropy" : "marker";
      this.state = "segment";
    }
  }

  end() {
    // Ending inside the compressed data is a truncated photo (nothing can hide after it): kept as it is.
    if (this.state !== "after" && this.state !== "entropy") throw new UnreadableImage("truncated");
  }
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The chunks that draw the image; everything else is dropped. */
const pngKept = new Set([
  "IHDR",
  "PLTE",
  "IDAT",
  "IEND",
  "tRNS",
  "gAMA",
  "cHRM",
  "sRGB",
  "sBIT",
  "pHYs",
  "bKGD",
  "acTL",
  "fcTL",
  "fdAT",
]);

class PngStripper extends Reader {
  private state: "signature" | "header" | "chunk" | "after" = "signature";
  private last = false;

  protected run() {
    for (;;) {
      if (this.state === "after") {
        if (this.buf.length > 0) this.stripped = true; // data after IEND
        this.buf = Buffer.alloc(0);
        return;
      }
      if (this.state === "signature") {
        if (this.buf.length < 8) return;
        if (!this.buf.subarray(0, 8).equals(pngSignature)) throw new UnreadableImage("no PNG signature");
        this.take(8, true);
        this.state = "header";
        continue;
      }
      if (this.state === "chunk") {
        if (!this.block()) return;
        this.state = this.last ? "after" : "header";
        continue;
      }
      if (this.buf.length < 8) return;
      const length = this.buf.readUInt32BE(0);
      const type = this.buf.toString("latin1", 4, 8);
      if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) throw new UnreadableImage("bad chunk");
      const keep = pngKept.has(type);
      if (!keep) this.stripped = true;
      this.keep = keep;
      this.last = type === "IEND";
      this.take(8, keep);
      this.remaining = length + 4; // data and CRC
      this.state = "chunk";
    }
  }

  end() {
    if (this.state !== "after") throw new UnreadableImage("no IEND");
  }
}
