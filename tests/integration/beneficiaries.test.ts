// Adding and removing a covered person: a démarche for the mutuelle to validate, with its supporting document.
import { readFileSync } from "node:fs";
import { storedAndScratch } from "../support/stored-files.ts";
import { and, eq, sql } from "drizzle-orm";
import { person } from "../../app/modules/households/schema.ts";
import { memberRequest, requestFile } from "../../app/modules/requests/schema.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { visibleText } from "../support/http-client.ts";
import type { TestServer } from "../support/test-server.ts";
import { addMonths } from "../../app/modules/clock/calendar.ts";
import { demoData, fr, thisYear, today } from "../support/clock.ts";

const livret = () => ({
  name: "livret-de-famille.pdf",
  bytes: readFileSync("config/notices/notice-information-2026.pdf"),
});
const storedFiles = async (server: TestServer) => (await storedAndScratch(server.services)).length;
const beneficiaryRequests = async (server: TestServer) =>
  (
    await server.services.db
      .select({ n: sql<number>`count(*)::int` })
      .from(memberRequest)
      .where(eq(memberRequest.kind, "beneficiary"))
  )[0]!.n;
const nextYear = `${thisYear + 1}-01-01`;
// A child born two months ago (the form refuses a birth date in the future).
const newborn = addMonths(today, -2);

describe("Mes bénéficiaires", () => {
  test("lists the covered people with relationship, birth date and coverage start", async ({ member: benoit }) => {
    const text = visibleText(await (await benoit.get("/ma-mutuelle/beneficiaires")).text());
    expect(text).toContain(
      `Sarah Mancion Lien Conjoint ou partenaire Date de naissance 02/09/1984 Couverture depuis le ${fr(demoData.benoit.coverageStart)}`,
    );
    expect(text).toContain("Louise Brouez Lien Enfant Date de naissance 08/11/2011");
    expect(text).toContain("Ajouter un bénéficiaire");
  });

  test("refuses an incomplete addition with a message per field and keeps no file", async ({
    server,
    member: benoit,
  }) => {
    const requestsBefore = await beneficiaryRequests(server);
    const filesBefore = await storedFiles(server);
    const res = await benoit.postMultipart(
      "/ma-mutuelle/beneficiaires/ajouter",
      { firstName: "", lastName: "Brouez", birthDate: "2099-01-01", relationship: "", startDate: nextYear },
      [livret()],
    );
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    expect(text).toContain("Saisissez le prénom.");
    expect(text).toContain("La date de naissance ne peut pas être dans le futur.");
    expect(text).toContain("Choisissez le lien avec vous.");
    const noFile = await benoit.postMultipart(
      "/ma-mutuelle/beneficiaires/ajouter",
      { firstName: "Jean-Claude", lastName: "Brouez", birthDate: newborn, relationship: "child", startDate: nextYear },
      [],
    );
    expect(noFile.status).toBe(400);
    expect(visibleText(await noFile.text())).toContain("Joignez un justificatif");
    const fake = await benoit.postMultipart(
      "/ma-mutuelle/beneficiaires/ajouter",
      { firstName: "Jean-Claude", lastName: "Brouez", birthDate: newborn, relationship: "child", startDate: nextYear },
      [{ name: "livret.pdf", bytes: Buffer.from("MZ not a pdf") }],
    );
    expect(fake.status).toBe(400);
    expect(await beneficiaryRequests(server)).toBe(requestsBefore);
    expect(await storedFiles(server)).toBe(filesBefore);
  });

  test("files an addition with its document, for the mutuelle to validate, visible in Mes démarches", async ({
    server,
    member: benoit,
  }) => {
    const res = await benoit.postMultipart(
      "/ma-mutuelle/beneficiaires/ajouter",
      {
        firstName: "Jean-Claude",
        lastName: "Brouez",
        birthDate: fr(newborn),
        relationship: "child",
        startDate: nextYear,
      },
      [livret()],
    );
    expect(res.status).toBe(302);
    const reference = /demande=(BEN-\d{4}-[A-Z0-9]{8})/.exec(res.headers.get("location")!)![1]!;
    const [request] = await server.services.db
      .select()
      .from(memberRequest)
      .where(eq(memberRequest.reference, reference));
    expect(request!.status).toBe("submitted");
    expect(request!.details).toMatchObject({
      action: "add",
      firstName: "Jean-Claude",
      birthDate: newborn,
      relationship: "child",
    });
    const files = await server.services.db.select().from(requestFile).where(eq(requestFile.requestId, request!.id));
    expect(files.map((f) => f.originalName)).toEqual(["livret-de-famille.pdf"]);
    // Nothing changes on the contract until the mutuelle decides.
    expect(await server.services.db.select().from(person).where(eq(person.firstName, "Jean-Claude"))).toHaveLength(0);
    const page = visibleText(await (await benoit.get("/ma-mutuelle/beneficiaires")).text());
    expect(page).toContain(`Ajout de Jean-Claude Brouez à partir du 01/01/${thisYear + 1} — Envoyée`);
    expect(visibleText(await (await benoit.get("/demandes")).text())).toContain("Ajout de Jean-Claude Brouez (enfant)");
  });

  test("files a removal with an end date, only for the household's own people", async ({
    server,
    member: benoit,
    otherMember: claire,
  }) => {
    const [louise] = await server.services.db
      .select({ id: person.id })
      .from(person)
      .where(eq(person.firstName, "Louise"));
    expect((await claire.get(`/ma-mutuelle/beneficiaires/${louise!.id}/retirer`)).status).toBe(404);
    expect((await claire.post(`/ma-mutuelle/beneficiaires/${louise!.id}/retirer`, { endDate: nextYear })).status).toBe(
      404,
    );
    expect((await benoit.get("/ma-mutuelle/beneficiaires/pas-un-id/retirer")).status).toBe(404);

    const past = await benoit.post(`/ma-mutuelle/beneficiaires/${louise!.id}/retirer`, { endDate: "2020-01-01" });
    expect(past.status).toBe(400);
    expect(visibleText(await past.text())).toContain("La couverture ne peut pas finir avant aujourd'hui.");
    const done = await benoit.post(`/ma-mutuelle/beneficiaires/${louise!.id}/retirer`, { endDate: nextYear });
    expect(done.status).toBe(302);
    const [request] = await server.services.db
      .select()
      .from(memberRequest)
      .where(and(eq(memberRequest.kind, "beneficiary"), eq(memberRequest.beneficiaryId, louise!.id)));
    expect(request!.details).toMatchObject({ action: "remove", personId: louise!.id, endDate: nextYear });
    expect(visibleText(await (await benoit.get("/ma-mutuelle/beneficiaires")).text())).toContain("Retrait demandé");
  });
});
