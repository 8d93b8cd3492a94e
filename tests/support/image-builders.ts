// Photos with metadata blocks, built byte by byte from the plain fixtures (for the metadata-stripping tests).
import { readFileSync } from "node:fs";
import { crc32 } from "node:zlib";

export const gpsText = "GPSLatitude 48.8566 N GPSLongitude 2.3522 E";

/** A JPEG segment: marker, length, data. */
export function jpegSegment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/** A PNG chunk with its CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** tests/fixtures/small.jpg with 650 KB of Exif (GPS at the end), a comment, and GPS text after the image's end. */
export function jpegWithLargeExifAndTrailer(): Buffer {
  const plain = readFileSync("tests/fixtures/small.jpg");
  const exif = Buffer.concat([Buffer.from("Exif\0\0"), Buffer.alloc(65_000, 0x20), Buffer.from(gpsText)]);
  return Buffer.concat([
    plain.subarray(0, 2),
    ...Array.from({ length: 10 }, () => jpegSegment(0xe1, exif)),
    jpegSegment(0xfe, Buffer.from(gpsText)),
    plain.subarray(2),
    Buffer.from(gpsText),
  ]);
}

/** tests/fixtures/small.png with an eXIf chunk and a tEXt chunk holding GPS, and GPS text after IEND. */
export function pngWithExifAndTrailer(): Buffer {
  const plain = readFileSync("tests/fixtures/small.png");
  return Buffer.concat([
    plain.subarray(0, 33),
    pngChunk("eXIf", Buffer.concat([Buffer.from("MM\0*"), Buffer.from(gpsText)])),
    pngChunk("tEXt", Buffer.from(`Comment\0${gpsText}`)),
    plain.subarray(33),
    Buffer.from(gpsText),
  ]);
}
