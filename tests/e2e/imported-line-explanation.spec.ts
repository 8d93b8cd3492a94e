// An imported line explained by the guarantee engine (ADR 0020): the core system sends two specialist visits
// over the API; the member reads the engine's steps on the one it priced as paid, and the advisor sees the
// other flagged with the difference. Its own server: it adds lines to the demo household.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, signInAdvisor, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";
import { today } from "../support/clock.ts";
import { addDays } from "../../app/modules/clock/calendar.ts";

const token = "e2e-core-system-token-0123456789abcdef";
const server = useOwnServer({ env: { IMPORT_API_TOKEN: token } });
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

test("the member reads the engine's steps on an imported line; the advisor sees a difference flagged", async ({
  page,
  request,
}) => {
  const careDate = addDays(today, -4);
  // Sarah, OPTAM specialist, 150 € on a BR of 60 (Optimale, contrat responsable): AMO 70 % × 60 = 42 − 2 €
  // participation forfaitaire (L160-13 II CSS) = 40,00 ; 200 % BR y compris RO = 120 − 42 = 78,00 ; RAC 32,00.
  // The second visit was paid 96,00 € by the core system (200 % of a BR it read as 69): flagged, unchanged.
  const header =
    "line_id,member_number,beneficiary_ref,care_type,category,care_date,payment_date,charged_cents,base_cents,amo_rate_bp,amo_deductible_cents,amo_cents,amc_cents,optam,paid_to";
  const visit = (id: string, amc: number) =>
    `${id},10000001,10000001-02,medecin,specialiste,${careDate},${today},15000,6000,7000,200,4000,${amc},true,member`;
  const imported = await request.post("/api/v1/decomptes", {
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
    data: `${header}\n${visit("E2E-SPEC-1", 7800)}\n${visit("E2E-SPEC-2", 9600)}\n`,
  });
  expect(imported.status()).toBe(200);
  expect(await imported.json()).toMatchObject({ inserted: 2, pricingCheck: { matching: 1, different: 1 } });

  await signIn(page, "10000001");
  await page.goto("/remboursements");
  await page.getByRole("link", { name: /Médecin, auxiliaire médical\s*78,00/ }).click();
  const why = page.getByRole("region", { name: "Pourquoi ce montant ?" });
  await expect(why).toContainText("Garantie appliquée : Médecin spécialiste adhérent OPTAM");
  expect(spaces(await why.innerText())).toContain(
    "Votre garantie : 200 % de la BR de 60,00 € y compris Sécurité sociale = 120,00 € − 42,00 € de part Sécurité sociale (dont 2,00 € de participation forfaitaire et franchises) = 78,00 €.",
  );
  expect(spaces(await why.innerText())).toContain(
    "Reste à charge : 150,00 € − 40,00 € (Sécurité sociale) − 78,00 € (mutuelle) = 32,00 €.",
  );
  await expectNoAxeViolations(page);
  await signOut(page);

  await signInAdvisor(page, server.dataDir);
  await page.goto("/back-office/adherents/10000001");
  const payments = page.getByRole("region", { name: "Derniers remboursements", exact: true });
  expect(spaces(await payments.innerText())).toContain(
    "Écart à vérifier : le moteur de garanties calcule 78,00 €, la mutuelle a versé 96,00 € (96,00 € − 78,00 € = 18,00 €, versé en plus). Le montant versé n'est pas modifié.",
  );
  await payments.getByText("Calcul du moteur de garanties", { exact: true }).click();
  await expect(payments.getByText(/^Garantie appliquée : Médecin spécialiste adhérent OPTAM/)).toBeVisible();
  await expectNoAxeViolations(page);
});
