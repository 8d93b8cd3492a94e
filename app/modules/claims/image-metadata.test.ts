import { readFileSync } from "node:fs";
import { imageSize } from "image-size";
import { describe, expect, it } from "vitest";
import { createMetadataStripper, stripImageMetadata, UnreadableImage } from "./image-metadata.ts";
import { gpsText as gps, jpegSegment as segment, pngChunk as chunk } from "../../../tests/support/image-builders.ts";

const fixture = (name: string) => readFileSync(`tests/fixtures/${name}`);
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, "latin1"));

function pngChunks(png: Buffer): string[] {
  const types: string[] = [];
  for (let i = 8; i < png.length;) {
    const length = png.readUInt32BE(i);
    types.push(png.toString("latin1", i + 4, i + 8));
    i += 12 + length;
  }
  return types;
}

/** Runs the stripper over `bytes` cut into pieces of `size` bytes, as a stream would give them. */
function stripInPieces(bytes: Buffer, mimeType: string, size: number) {
  const stripper = createMetadataStripper(mimeType)!;
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...stripper.push(bytes.subarray(i, i + size)));
  stripper.end();
  return { bytes: Buffer.concat(out), stripped: stripper.stripped };
}

describe("JPEG metadata", () => {
  const plain = fixture("small.jpg");
  const soi = plain.subarray(0, 2);
  const rest = plain.subarray(2, plain.length - 2);
  const eoi = plain.subarray(plain.length - 2);

  it("removes the Exif segment of a camera photo and keeps the image", () => {
    const photo = fixture("gps.jpg");
    const { bytes, stripped } = stripImageMetadata(photo, "image/jpeg");
    expect(stripped).toBe(true);
    expect(has(bytes, "Exif")).toBe(false);
    expect(bytes.length).toBe(photo.length - 90);
    expect(imageSize(bytes)).toMatchObject(imageSize(photo));
  });

  it("removes every APPn and comment, large ones (700 KB of headers), between scans, and everything after EOI", () => {
    const exif = Buffer.concat([Buffer.from("Exif\0\0"), Buffer.alloc(65_000, 0x20), Buffer.from(gps)]);
    const built = Buffer.concat([
      soi,
      ...Array.from({ length: 10 }, () => segment(0xe1, exif)), // Exif, ten times the largest segment
      segment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${gps}</x:xmpmeta>`)), // XMP
      segment(0xe2, Buffer.from(`ICC_PROFILE\0${gps}`)),
      segment(0xed, Buffer.from(`Photoshop 3.0\0${gps}`)), // IPTC
      segment(0xef, Buffer.from(gps)), // APP15
      segment(0xfe, Buffer.from(gps)), // COM
      rest,
      segment(0xfe, Buffer.from(gps)), // a comment after the scan, before the end
      eoi,
      Buffer.from(gps), // appended after the end of the image
      fixture("gps.jpg"), // a second picture (multi-picture JPEG) with its own Exif
    ]);
    for (const size of [built.length, 65_536, 4096, 7]) {
      const { bytes, stripped } = stripInPieces(built, "image/jpeg", size);
      expect(stripped).toBe(true);
      expect(has(bytes, "GPS"), `pieces of ${size}`).toBe(false);
      expect(has(bytes, "Exif")).toBe(false);
      expect(bytes.equals(plain), `pieces of ${size}`).toBe(true);
    }
    expect(imageSize(stripImageMetadata(built, "image/jpeg").bytes)).toMatchObject(imageSize(plain));
  });

  it("keeps the JFIF header and the 14-byte Adobe colour segment, and leaves a clean photo untouched", () => {
    expect(stripImageMetadata(plain, "image/jpeg")).toEqual({ bytes: plain, stripped: false });
    const adobe = segment(0xee, Buffer.from([...Buffer.from("Adobe"), 0, 100, 0, 0, 0, 0, 1]));
    const withAdobe = Buffer.concat([soi, adobe, rest, eoi]);
    expect(stripImageMetadata(withAdobe, "image/jpeg")).toEqual({ bytes: withAdobe, stripped: false });
    // A longer APP14 can carry anything: removed.
    const longAdobe = Buffer.concat([soi, segment(0xee, Buffer.from(`Adobe${gps}`)), rest, eoi]);
    expect(Buffer.from(stripImageMetadata(longAdobe, "image/jpeg").bytes).equals(plain)).toBe(true);
  });

  it("refuses a JPEG whose structure cannot be followed", () => {
    expect(() => stripImageMetadata(Buffer.concat([soi, Buffer.from("not a marker")]), "image/jpeg")).toThrow(
      UnreadableImage,
    );
    expect(() =>
      stripImageMetadata(Buffer.concat([soi, segment(0xe1, Buffer.from(gps)).subarray(0, 10)]), "image/jpeg"),
    ).toThrow(UnreadableImage);
  });
});

describe("PNG metadata", () => {
  const plain = fixture("small.png");
  const signature = plain.subarray(0, 8);
  const ihdr = plain.subarray(8, 8 + 25);
  const rest = plain.subarray(8 + 25, plain.length - 12);
  const iend = plain.subarray(plain.length - 12);

  it("removes eXIf, text, time, colour-profile and private chunks, and what follows IEND", () => {
    const built = Buffer.concat([
      signature,
      ihdr,
      chunk("eXIf", Buffer.concat([Buffer.from("MM\0*"), Buffer.from(gps)])),
      chunk("tEXt", Buffer.from(`Comment\0${gps}`)),
      chunk("zTXt", Buffer.from(`Location\0\0${gps}`)),
      chunk("iTXt", Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>${gps}</x:xmpmeta>`)),
      chunk("tIME", Buffer.from([0x07, 0xea, 11, 20, 10, 0, 0])),
      chunk("iCCP", Buffer.from(`${gps}\0\0`)),
      chunk("prVt", Buffer.from(gps)),
      rest,
      chunk("tEXt", Buffer.from(`Late\0${gps}`)), // after the image data
      iend,
      Buffer.from(gps),
    ]);
    expect(pngChunks(built)).toContain("eXIf");
    for (const size of [built.length, 4096, 5]) {
      const { bytes, stripped } = stripInPieces(built, "image/png", size);
      expect(stripped).toBe(true);
      expect(has(bytes, "GPS"), `pieces of ${size}`).toBe(false);
      expect(bytes.equals(plain), `pieces of ${size}`).toBe(true);
    }
    expect(pngChunks(stripImageMetadata(built, "image/png").bytes as Buffer)).toEqual(["IHDR", "pHYs", "IDAT", "IEND"]);
    expect(imageSize(stripImageMetadata(built, "image/png").bytes)).toMatchObject(imageSize(plain));
  });

  it("leaves a PNG without metadata untouched, and refuses one without its end", () => {
    expect(stripImageMetadata(plain, "image/png")).toEqual({ bytes: plain, stripped: false });
    expect(() => stripImageMetadata(plain.subarray(0, plain.length - 12), "image/png")).toThrow(UnreadableImage);
  });

  it("does not touch a PDF", () => {
    expect(createMetadataStripper("application/pdf")).toBeNull();
  });
});
