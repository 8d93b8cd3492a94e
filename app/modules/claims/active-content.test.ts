import { describe, expect, it } from "vitest";
import { contentDisposition, downloadName } from "../documents/serve-file.server.ts";
import { createActiveContentScanner, findActiveContent } from "./active-content.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("findActiveContent", () => {
  it("finds the PDF keys that run code or act on opening, escaped or not", () => {
    expect(
      findActiveContent(bytes("%PDF-1.7\n<< /OpenAction 3 0 R >>\n<< /S /JavaScript /JS (x) >>"), "pdf").sort(),
    ).toEqual(["/JS", "/JavaScript", "/OpenAction"]);
    expect(findActiveContent(bytes("%PDF-1.7\n<</J#61vaScript 1 0 R/Open#41ction[]>>"), "pdf").sort()).toEqual([
      "/JavaScript",
      "/OpenAction",
    ]);
    expect(
      findActiveContent(
        bytes("%PDF-1.7\n<< /Launch << /F (cmd.exe) >> /EmbeddedFile 4 0 R /AA << >> >>"),
        "pdf",
      ).sort(),
    ).toEqual(["/AA", "/EmbeddedFile", "/Launch"]);
  });

  it("does not take longer names for active ones, and passes an ordinary PDF", () => {
    expect(
      findActiveContent(bytes("%PDF-1.7\n<< /JSON 1 /AAA 2 /OpenActionX 3 /Type /Catalog /Font /Helvetica >>"), "pdf"),
    ).toEqual([]);
  });

  it("finds HTML in a PDF or an image (polyglots)", () => {
    expect(findActiveContent(bytes("%PDF-1.4\n<html><body>x</body></html>"), "pdf")).toEqual(["HTML"]);
    expect(findActiveContent(bytes("\xff\xd8\xff\xfe<SCRIPT>alert(1)</SCRIPT>"), "image")).toEqual(["HTML"]);
    expect(findActiveContent(bytes("\x89PNG /JavaScript"), "image")).toEqual([]); // PDF keys mean nothing in an image
  });

  it("finds a key or a tag cut in two between chunks", () => {
    for (const text of ["%PDF-1.7 << /OpenAction 1 0 R >>", "%PDF-1.7 <script>x</script>"]) {
      for (let cut = 1; cut < text.length; cut++) {
        const scanner = createActiveContentScanner("pdf");
        scanner.push(bytes(text.slice(0, cut)));
        scanner.push(bytes(text.slice(cut)));
        expect(scanner.findings().length, `${text} cut at ${cut}`).toBe(1);
      }
    }
  });
});

describe("PDF stream offsets (for the compressed streams to inflate)", () => {
  it("gives where each stream's data starts, not endstream, whatever the chunking", () => {
    const text =
      "%PDF-1.7\n1 0 obj\n<< /Length 3 >>\nstream\r\nabc\r\nendstream\nendobj\n2 0 obj\n<< >>\nstream\nxyz\nendstream\n";
    const expected = [text.indexOf("abc"), text.indexOf("xyz")];
    for (const size of [text.length, 10, 3, 1]) {
      const scanner = createActiveContentScanner("pdf");
      for (let i = 0; i < text.length; i += size) scanner.push(bytes(text.slice(i, i + size)));
      expect(scanner.streamOffsets(), `pieces of ${size}`).toEqual(expected);
    }
  });
});

describe("download names", () => {
  it("keeps the member's name without path, controls or a misleading extension", () => {
    expect(downloadName("../../etc/passwd", "application/pdf")).toBe("passwd.pdf");
    // Cut at 100 characters, never through an emoji (half of one would make the header throw).
    const long = downloadName(`${"a".repeat(99)}😀😀.pdf`, "application/pdf");
    expect(long).toBe(`${"a".repeat(99)}😀.pdf`);
    expect(() => contentDisposition(long)).not.toThrow();
    expect(downloadName("C:\\Users\\x\\facture.html", "application/pdf")).toBe("facture.pdf");
    expect(downloadName("photo\u202egpj.exe", "image/jpeg")).toBe("photogpj.jpg");
    expect(downloadName("...", "image/png")).toBe("piece-jointe.png");
  });

  it("writes an ASCII fallback and the UTF-8 form (RFC 6266 / 5987)", () => {
    expect(contentDisposition('Facture "été"; x=1.pdf')).toBe(
      `attachment; filename="Facture _ete__ x_1.pdf"; filename*=UTF-8''Facture%20%22%C3%A9t%C3%A9%22%3B%20x%3D1.pdf`,
    );
    expect(contentDisposition("scan (1).png")).toBe(
      `attachment; filename="scan (1).png"; filename*=UTF-8''scan%20%281%29.png`,
    );
  });
});
