import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkHead } from "./uploads.server.ts";

const checkUpload = (name: string, bytes: Uint8Array) => checkHead(name, bytes, bytes.length);

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/${name}`));

describe("checkHead (the first bytes of a file)", () => {
  it("accepts PDF, JPEG and PNG by their content, whatever their name", async () => {
    expect(await checkUpload("facture.pdf", fixture("../../config/notices/notice-information-2026.pdf"))).toMatchObject(
      { ok: true, mimeType: "application/pdf" },
    );
    expect(await checkUpload("photo.txt", fixture("small.jpg"))).toMatchObject({ ok: true, mimeType: "image/jpeg" });
    expect(await checkUpload("scan", fixture("small.png"))).toMatchObject({ ok: true, mimeType: "image/png" });
    expect(await checkUpload("gps.jpg", fixture("gps.jpg"))).toMatchObject({ ok: true, mimeType: "image/jpeg" });
  });

  it("refuses executables, SVG, HTML and empty files, naming the file in French", async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...new Array(200).fill(0)]);
    expect(await checkUpload("facture.pdf", exe)).toEqual({
      ok: false,
      message: "Le fichier « facture.pdf » n'est ni un PDF, ni une photo JPEG ou PNG : il n'est pas accepté.",
    });
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect((await checkUpload("image.svg", svg)).ok).toBe(false);
    const html = new TextEncoder().encode("<!doctype html><html><script>alert(1)</script></html>");
    expect((await checkUpload("facture.pdf", html)).ok).toBe(false);
    expect(await checkUpload("vide.pdf", new Uint8Array())).toEqual({
      ok: false,
      message: "Le fichier « vide.pdf » est vide.",
    });
  });

  it("refuses an image of more than 40 million pixels, by its header", async () => {
    // A PNG whose header claims 20,000 × 20,000 pixels: refused before anything decodes it.
    const png = fixture("small.png").slice();
    const view = new DataView(png.buffer);
    view.setUint32(16, 20_000);
    view.setUint32(20, 20_000);
    expect(await checkUpload("enorme.png", png)).toMatchObject({
      ok: false,
      message: expect.stringContaining("trop grande"),
    });
  });
});
