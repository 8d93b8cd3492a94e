// Photos sent by members are stored without any metadata block: a PNG with an eXIf chunk and text chunks
// holding a GPS position, a JPEG with 650 KB of Exif headers (beyond the first bytes the checks read) and
// text appended after its end. Through the real upload route, claim draft and messagerie alike.
import { readFileSync } from "node:fs";
import { storedBytes, storedKeys } from "../support/stored-files.ts";
import { and, eq } from "drizzle-orm";
import { imageSize } from "image-size";
import { requestFile } from "../../app/modules/requests/schema.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { messageFile } from "../../app/modules/messaging/schema.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { demo, visibleText } from "../support/http-client.ts";
import { gpsText, jpegWithLargeExifAndTrailer, pngWithExifAndTrailer } from "../support/image-builders.ts";
import type { TestServer } from "../support/test-server.ts";
import { recentDay } from "../support/clock.ts";

async function louiseOf(server: TestServer): Promise<string> {
  const [louise] = await server.services.db
    .select({ id: person.id })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .where(and(eq(household.memberNumber, demo.benoit.number), eq(person.firstName, "Louise")));
  return louise!.id;
}

const stored = async (server: TestServer, key: string) => (await storedBytes(server.services.storage, key))!;
const noGps = (bytes: Buffer) => {
  expect(bytes.includes(Buffer.from("GPS"))).toBe(false);
};

describe("photo metadata", () => {
  test("is removed from PNG and JPEG photos of a claim, whole, and the photos still read", async ({
    server,
    member: benoit,
  }) => {
    const draft = await benoit.post("/demandes/nouvelle", {
      intent: "details",
      beneficiaryId: await louiseOf(server),
      careType: "chiropractie",
      lieu: "france",
      careDate: recentDay("2026-11-20"),
      amount: "80,00",
    });
    const draftId = new URL(draft.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
    const res = await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
      { name: "ordonnance.png", bytes: pngWithExifAndTrailer() },
      { name: "facture.jpg", bytes: jpegWithLargeExifAndTrailer() },
    ]);
    expect(res.status).toBe(302);
    const rows = await server.services.db.select().from(requestFile).where(eq(requestFile.draftId, draftId));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const bytes = await stored(server, row.storedName);
      noGps(bytes);
      expect(row.metadataStripped).toBe(true);
      expect(
        bytes.equals(readFileSync(`tests/fixtures/small.${row.mimeType === "image/png" ? "png" : "jpg"}`)),
        row.originalName,
      ).toBe(true);
      expect(row.sizeBytes).toBe(bytes.length);
      expect(imageSize(bytes).width).toBeGreaterThan(0);
    }
    expect(gpsText).toContain("GPS");
  });

  test("is removed from photos sent through the messagerie", async ({ server, member: benoit }) => {
    const res = await benoit.postMultipart(
      "/messagerie/nouveau?categorie=attestation&sujet=attestation-droits&ecrire=1",
      { categorie: "attestation", sujet: "attestation-droits", message: "Photos jointes." },
      [
        { name: "a.png", bytes: pngWithExifAndTrailer() },
        { name: "b.jpg", bytes: jpegWithLargeExifAndTrailer() },
      ],
    );
    expect(res.status).toBe(302);
    const names = new Set((await storedKeys(server.services.storage, "messagerie/")).map((k) => k.slice(11)));
    const rows = (await server.services.db.select().from(messageFile)).filter(
      (r) => names.has(r.storedName) && ["a.png", "b.jpg"].includes(r.originalName),
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) noGps(await stored(server, `messagerie/${row.storedName}`));
  });

  test("refuses, in French, a photo whose structure cannot be followed, keeping nothing", async ({
    server,
    member: benoit,
  }) => {
    const draft = await benoit.post("/demandes/nouvelle", {
      intent: "details",
      beneficiaryId: await louiseOf(server),
      careType: "chiropractie",
      lieu: "france",
      careDate: recentDay("2026-11-21"),
      amount: "81,00",
    });
    const draftId = new URL(draft.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
    const png = pngWithExifAndTrailer();
    // The image data cut short: IEND never comes.
    const res = await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
      { name: "coupee.png", bytes: png.subarray(0, png.length - 200) },
    ]);
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("L'image « coupee.png » est illisible");
    expect(await server.services.db.select().from(requestFile).where(eq(requestFile.draftId, draftId))).toHaveLength(0);
  });
});
