// The demo table's lines as the member reads them on /ma-mutuelle/garanties, through the real server (issue 26:
// psychologist sessions, "TM + x €" lines, new categories).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test as withPeople } from "../support/fixtures.ts";
import { visibleText } from "../support/http-client.ts";
import { startTestServer } from "../support/test-server.ts";

// The page as Benoit reads it, fetched once for the file's tests that read it.
const test = withPeople.extend("page", { scope: "file" }, async ({ member: benoit }) => {
  const res = await benoit.get("/ma-mutuelle/garanties");
  expect(res.status).toBe(200);
  return visibleText(await res.text()).replace(/\s+/g, " ");
});

describe("/ma-mutuelle/garanties (Optimale)", () => {
  test("separates psychologist sessions the Sécurité sociale reimburses (ticket modérateur) from the forfait for the others", ({
    page,
  }) => {
    // L162-58 CSS (Mon soutien psy) and R871-2 1° CSS: the TM of every AMO session is covered
    expect(page).toContain(
      "Séances chez un psychologue remboursées par la Sécurité sociale (Mon soutien psy) 100 % de la base de remboursement, Sécurité sociale comprise",
    );
    expect(page).toContain(
      "Séances chez un psychologue non remboursées par la Sécurité sociale 30,00 € par séance, 8 séances par an",
    );
  });

  test("lists transport, LPP devices and midwives, each at least at the ticket modérateur (R871-2 1°)", ({ page }) => {
    expect(page).toContain(
      "Transport sanitaire (ambulance, VSL, taxi conventionné) 100 % de la base de remboursement, Sécurité sociale comprise",
    );
    expect(page).toContain(
      "Appareillage et dispositifs médicaux (orthèses, pansements, matériel médical) 200 % de la base de remboursement, Sécurité sociale comprise",
    );
    expect(page).toContain(
      "Sages-femmes (consultations et actes) 150 % de la base de remboursement, Sécurité sociale comprise",
    );
  });

  test("works out physiotherapy with the 1 € franchise and dental care at 60 % (L160-13 III; AMO dental 60 % since 01/10/2023)", ({
    page,
  }) => {
    // kiné BR 16,13: AMO 9,68 − 1,00 = 8,68 ; 150 % → 10,32 (limited to 20 − 9,68) ; dental BR 28,92: AMO 17,35 ; 12,65
    expect(page).toContain(
      "Pour une séance de kinésithérapie à 20 €, vous êtes remboursé 19,00 € (8,68 € par la Sécurité sociale, 10,32 € par votre mutuelle) ; il vous reste 1,00 € à payer.",
    );
    expect(page).toContain(
      "Pour un soin dentaire à 30 €, vous êtes remboursé 30,00 € (17,35 € par la Sécurité sociale, 12,65 € par votre mutuelle) : rien ne reste à votre charge.",
    );
  });
});

describe("start-up refuses a responsible table below the ticket modérateur", () => {
  test("names the line and says why in French (R871-2 1°): the former Essentielle class II hearing aid, 300 € flat", async () => {
    const dir = await mkdtemp(join(tmpdir(), "garanties-"));
    try {
      const file = JSON.parse(await readFile("config/guarantees/demo.json", "utf8")) as {
        products: { levels: { versions: { lines: { id: string; rule: unknown }[] }[] }[] }[];
      };
      file.products[0]!.levels[0]!.versions[0]!.lines.find((l) => l.id === "audiologie-classe-2")!.rule = {
        kind: "eurosPerAct",
        amountCents: 30000,
      };
      const bad = join(dir, "garanties.json");
      await writeFile(bad, JSON.stringify(file));
      const failure = await startTestServer({ env: { GUARANTEE_TABLES: bad } }).then(
        async (started) => {
          await started.close();
          return null;
        },
        (error: unknown) => error as Error,
      );
      const message = failure?.message.replace(/[\u00a0\u202f]/g, " ") ?? "";
      expect(message).toContain("(ligne « audiologie-classe-2 »)");
      expect(message).toContain(
        "ne couvrent pas le ticket modérateur (40 % de la BR, Sécurité sociale à 60 %), qui peut atteindre 560,00 € par unité",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
