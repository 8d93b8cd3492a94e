// Offre & devis on a 390 px phone: a prospect gets a price without JavaScript; a member asks a change of level
// that a gestionnaire accepts; a member cancels their contract in three clicks, gets the acknowledgement, and sees
// the end date on Ma mutuelle once a gestionnaire recorded it; a prospect goes from a price to a signed adhesion.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { addDays, addMonths, addYears } from "../../app/modules/clock/calendar.ts";
import { firstOnOrAfter } from "../../app/modules/offer/previous-contract.ts";
import { formatDate } from "../../app/modules/shared/format.ts";
import { today } from "../support/clock.ts";
import { lastMailTo } from "../support/outbox.ts";
import { expectNoAxeViolations, sidewaysOverflow, signIn, signInAdvisor, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";

const server = useOwnServer();
test.use({ viewport: { width: 390, height: 844 } });

for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a prospect gets the three levels' prices for a couple", async ({ page }) => {
      await page.goto("/offre");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Obtenir un tarif");
      if (javaScriptEnabled) await expectNoAxeViolations(page); // axe runs as a script
      await page.getByLabel("Code postal").fill("35000");
      await page.getByLabel("Votre date de naissance").fill("30/06/1990");
      await page.getByRole("button", { name: "Ajouter une personne" }).click();
      await page.getByLabel("Personne 2 : lien avec vous").selectOption({ label: "Conjoint" });
      await page.getByLabel("Personne 2 : date de naissance").fill("12/01/1991");
      // A mistake first: the message sits beside the field, what was typed stays.
      await page.getByLabel("Code postal").fill("3500");
      await page.getByRole("button", { name: "Voir les tarifs" }).click();
      await expect(
        page.getByRole("main").getByText("Saisissez le code postal en 5 chiffres, par exemple 69003."),
      ).toBeVisible();
      await expect(page.getByLabel("Personne 2 : date de naissance")).toHaveValue("12/01/1991");
      if (javaScriptEnabled) await expectNoAxeViolations(page); // axe runs as a script
      await page.getByLabel("Code postal").fill("35000");
      await page.getByRole("button", { name: "Voir les tarifs" }).click();
      await expect(page.getByRole("heading", { level: 2, name: "Vos tarifs mensuels" })).toBeVisible();
      const levels = page.getByRole("list", { name: "Niveaux de garantie" }).getByRole("heading", { level: 3 });
      await expect(levels).toHaveText(["Essentielle", "Équilibre", "Optimale"]);
      await expect(page.getByRole("main").getByText(/\d+,\d{2}\s€\spar mois/)).toHaveCount(3);
      await expect(
        page
          .getByRole("main")
          .getByText(/^Conjoint, \d+ ans dans l.année : /)
          .first(),
      ).toBeAttached();
      if (javaScriptEnabled) await expectNoAxeViolations(page); // axe runs as a script
      expect(await sidewaysOverflow(page)).toBe(0);
    });
  });
}

test("a member compares the levels for their household and asks a change, which a gestionnaire accepts for its effective date", async ({
  page,
}) => {
  await signIn(page, "10000001");
  await page.goto("/ma-mutuelle");
  await page.getByRole("link", { name: "Comparer les niveaux de garantie pour mon foyer, changer de niveau" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon offre et les autres niveaux");
  await expectNoAxeViolations(page);
  expect(await sidewaysOverflow(page)).toBe(0);
  await page.getByRole("link", { name: "Passer au niveau Équilibre" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changer de niveau de garantie");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Demander le niveau Équilibre" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText(/Votre demande NIV-\d{4}-\w{8} est envoyée/);
  const reference = /NIV-\d{4}-\w{8}/.exec((await status.textContent())!)![0];
  await signOut(page);

  await signInAdvisor(page, server.dataDir, "gestionnaire.demo");
  await page.goto("/back-office/demandes?file=niveaux");
  await page.getByRole("link", { name: reference }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Accepter le changement de niveau" }).click();
  await expect(page.getByRole("status").first()).toContainText("Décision enregistrée : Acceptée");
  await signOut(page);

  await signIn(page, "10000001");
  await page.goto("/offre");
  await expect(
    page.getByRole("main").getByText(/^Changement accepté : niveau Équilibre à partir du \d{2}\/\d{2}\/\d{4}/),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a member cancels their contract in three clicks and keeps their space", async ({ page }) => {
  await signIn(page, "10000001");
  await page.goto("/ma-mutuelle");
  await page.getByRole("link", { name: "Résilier mon contrat" }).click(); // 1
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Résilier mon contrat");
  await expect(page.getByRole("main").getByText(/Dernier jour couvert : \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  // What is kept, and until when (FORMER_MEMBER_ACCESS_YEARS, 3 by default), and where to find help.
  await expect(
    page.getByRole("main").getByText(/à vos documents pendant 3 ans, jusqu'au \d{2}\/\d{2}\/\d{4}\.$/),
  ).toBeVisible();
  await expect(
    page
      .getByRole("complementary", { name: "Besoin d'aide ?" })
      .getByRole("link", { name: "Comment résilier mon contrat" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await sidewaysOverflow(page)).toBe(0);
  await page.getByRole("button", { name: "Confirmer la résiliation" }).click(); // 2
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Résiliation enregistrée");
  await expect(page.getByRole("status")).toContainText("Un accusé de réception vous a été envoyé par e-mail.");
  await expectNoAxeViolations(page);
  const mail = lastMailTo(server.dataDir, "benoit.brouez@example.com");
  expect(mail.subject).toMatch(/^Accusé de réception de votre résiliation RES-\d{4}-\w{8}$/);
  const reference = /RES-\d{4}-\w{8}/.exec(mail.subject)![0];
  const lastCovered = /couverts jusqu'au (\d{2}\/\d{2}\/\d{4}) inclus/.exec(mail.text)![1]!;
  await signOut(page);

  // A gestionnaire records it from the queue "Résiliations".
  await signInAdvisor(page, server.dataDir, "gestionnaire.demo");
  await page.goto("/back-office/demandes?file=resiliations");
  await page.getByRole("link", { name: reference }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Enregistrer la résiliation" }).click();
  await expect(page.getByRole("status").first()).toContainText("Décision enregistrée");
  await signOut(page);

  // The member sees the end date on Ma mutuelle; the space and the documents stay open.
  await signIn(page, "10000001");
  await page.goto("/ma-mutuelle");
  await expect(
    page.getByRole("main").getByText(`Résilié : dernier jour couvert le ${lastCovered}`, { exact: true }),
  ).toBeVisible();
  // Neither a change of level (refused once the contract has an end) nor a second résiliation is offered.
  await expect(
    page.getByRole("main").getByText("Votre contrat étant résilié, vous ne pouvez plus changer de niveau de garantie."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Résilier mon contrat" })).toHaveCount(0);
  await expect(
    page.getByRole("link", { name: "Comparer les niveaux de garantie pour mon foyer, changer de niveau" }),
  ).toHaveCount(0);
  await expect(
    page.getByRole("main").getByText(/restent accessibles pendant 3 ans, jusqu'au \d{2}\/\d{2}\/\d{4}\.$/),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await sidewaysOverflow(page)).toBe(0);
  await page.goto("/documents");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a prospect joins online, pauses and resumes on another device (360 px), signs with an e-mailed code; a gestionnaire accepts; the new member activates their space and signs in", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000); // the whole journey, the back-office and the activation, with axe on most steps
  // First a price ("Obtenir un tarif"), then "Adhérer en ligne" from the same page.
  await page.goto("/offre");
  await page.getByLabel("Code postal").fill("69003");
  await page.getByLabel("Votre date de naissance").fill("02/09/1984");
  await page.getByRole("button", { name: "Voir les tarifs" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Vos tarifs mensuels" })).toBeVisible();
  await expect(page.getByRole("main").getByText(/\d+,\d{2}\s€\spar mois/)).toHaveCount(3);
  await page.getByRole("link", { name: "Adhérer en ligne" }).click();
  await expect(page.getByRole("main").getByText("Étape 1 sur 10 : Vous", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Adresse e-mail").fill("alex.prospect@example.com");
  await page.getByLabel("Prénom").fill("Alex");
  await page.getByLabel("Nom", { exact: true }).fill("Martin");
  await page.getByLabel("Date de naissance").fill("02/09/1984");
  await page.getByLabel("Numéro de sécurité sociale").fill("1 84 09 69 123 456 58");
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(
    page
      .getByRole("main")
      .getByRole("link", { name: /^La clé \(les 2 derniers chiffres\) ne correspond pas au numéro/ }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Numéro de sécurité sociale").fill("1 84 09 69 123 456 57");
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(
    page.getByRole("main").getByText("Étape 2 sur 10 : Adresse et date de début", { exact: true }),
  ).toBeVisible();
  await page.getByRole("button", { name: "M'envoyer un lien pour reprendre" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Un lien pour reprendre votre adhésion vient de vous être envoyé",
  );
  const link = /\/offre\/adherer\/reprendre\?jeton=[A-Za-z0-9_-]+/.exec(
    lastMailTo(server.dataDir, "alex.prospect@example.com").text,
  )![0];

  // Another device, a narrower phone.
  const phone = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    viewport: { width: 360, height: 740 },
  });
  const other = await phone.newPage();
  await other.goto(link);
  // The link's page asks to confirm (a mail scanner opening it spends nothing).
  await other.getByRole("button", { name: "Reprendre mon adhésion sur cet appareil" }).click();
  await expect(other.getByRole("status")).toContainText("Votre adhésion est reprise là où vous l'aviez laissée.");
  await expect(other.getByText("Étape 2 sur 10 : Adresse et date de début", { exact: true })).toBeVisible();
  await other.getByLabel("Adresse").fill("3 rue des Lilas");
  await other.getByLabel("Code postal").fill("69003");
  await other.getByLabel("Commune").fill("Lyon");
  // A start the former contract's month of notice allows (L221-10-2: effect one month after receipt).
  const start = formatDate(firstOnOrAfter(addMonths(today, 1)));
  await other.getByLabel("Date de début de votre nouveau contrat").fill(start);
  await other.getByLabel("Je demande à la mutuelle de résilier mon contrat actuel en mon nom.").check();
  await other.getByLabel("Organisme de votre contrat actuel").fill("Mutuelle des Lilas");
  // Under a year old: refused beside the field, with the two ways out.
  const eightMonths = addMonths(today, -8);
  await other.getByLabel("Date de début de votre contrat actuel").fill(formatDate(eightMonths));
  await other.getByRole("button", { name: "Enregistrer et continuer" }).click();
  // The message sits on the field to change, the new contract's start date, and the summary's link goes there.
  await expect(other.locator("#startDate-erreur")).toContainText(
    `Votre contrat actuel, commencé le ${formatDate(eightMonths)}, aura un an le ${formatDate(addYears(eightMonths, 1))}`,
  );
  await expect(other.locator("#startDate-erreur")).toContainText(
    "Choisissez une date de début de votre nouveau contrat",
  );
  await expect(other.locator("#startDate-erreur")).toContainText("résiliez vous-même votre contrat actuel");
  await expect(other.getByLabel("Date de début de votre nouveau contrat")).toHaveAttribute("aria-invalid", "true");
  await other
    .getByRole("alert")
    .getByRole("link", { name: /Votre contrat actuel, commencé le/ })
    .click();
  await expect(other.getByLabel("Date de début de votre nouveau contrat")).toBeFocused();
  // The fieldset's hint, a list of the two rules, is read with its legend.
  await expect(other.getByRole("group", { name: "Votre contrat actuel (facultatif)" })).toHaveAccessibleDescription(
    /plus d.un an.*le 1er du mois qui suit.*date de renouvellement annuel/,
  );
  await expectNoAxeViolations(other);
  await other.getByLabel("Date de début de votre contrat actuel").fill("01/01/2020");
  await other.getByRole("button", { name: "Enregistrer et continuer" }).click();
  const main = other.getByRole("main");
  const next = () => other.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(main.getByText("Étape 3 sur 10 : Les personnes à couvrir", { exact: true })).toBeVisible();
  await expectNoAxeViolations(other);
  expect(await sidewaysOverflow(other)).toBe(0);
  await other.getByRole("radio", { name: "Enfant" }).check();
  await other.getByLabel("Prénom").fill("Hugo");
  await other.getByLabel("Nom", { exact: true }).fill("Martin");
  await other.getByLabel("Date de naissance").fill("14/03/2015");
  await other.getByRole("button", { name: "Ajouter cette personne" }).click();
  await expect(main.getByText(/Hugo Martin, enfant, né\(e\) le 14\/03\/2015/)).toBeVisible();
  await other.getByRole("button", { name: "Continuer", exact: true }).click();
  await expect(main.getByText("Étape 4 sur 10 : Niveau de garanties", { exact: true })).toBeVisible();
  await expectNoAxeViolations(other);
  await other.getByRole("radio", { name: /Équilibre/ }).check();
  await next();
  await expect(main.getByText("Étape 5 sur 10 : Attestation de droits", { exact: true })).toBeVisible();
  await other.getByLabel("Attestation de droits à l'assurance maladie").setInputFiles({
    name: "attestation.pdf",
    mimeType: "application/pdf",
    buffer: readFileSync("config/notices/notice-information-2026.pdf"),
  });
  await other.getByRole("button", { name: "Continuer", exact: true }).click();
  await expect(main.getByText("Étape 6 sur 10 : Coordonnées bancaires", { exact: true })).toBeVisible();
  await expectNoAxeViolations(other);
  await other.getByLabel("IBAN", { exact: true }).fill("FR76 3000 6000 0112 3456 7890 189");
  await next();
  await expect(main.getByText("Étape 7 sur 10 : Mandat de prélèvement SEPA", { exact: true })).toBeVisible();
  await expect(main.getByText(/^RUM-\d{4}-/)).toBeVisible();
  await expectNoAxeViolations(other);
  expect(await sidewaysOverflow(other)).toBe(0);
  await other.getByRole("button", { name: "J'ai lu le mandat, continuer" }).click();
  await expect(main.getByText("Étape 8 sur 10 : Informations et consentements", { exact: true })).toBeVisible();
  await next();
  await expect(main.getByText("Cochez cette case pour pouvoir signer votre adhésion.").first()).toBeVisible();
  await expectNoAxeViolations(other);
  for (const box of await other.getByRole("checkbox").all()) await box.check();
  await next();
  await expect(main.getByText("Étape 9 sur 10 : Récapitulatif et signature", { exact: true })).toBeVisible();
  await expectNoAxeViolations(other);
  expect(await sidewaysOverflow(other)).toBe(0);
  await other.getByRole("button", { name: "Recevoir mon code par e-mail" }).click();
  await expect(other.getByRole("status")).toContainText("Le code vient de vous être envoyé");
  const code = /signer votre adhésion : (\d{6})/.exec(
    lastMailTo(server.dataDir, "alex.prospect@example.com").text,
  )![1]!;
  await other.getByRole("textbox", { name: "Code reçu par e-mail" }).fill(code);
  await other.getByRole("button", { name: "Signer mon adhésion" }).click();
  await expect(other.getByRole("heading", { name: "Votre adhésion est signée" })).toBeVisible();
  await expectNoAxeViolations(other);
  await phone.close();

  await signInAdvisor(page, server.dataDir, "gestionnaire.demo");
  await page.getByRole("link", { name: /Adhésions en ligne : 1 en attente/ }).click();
  await page.getByRole("link", { name: "Alex Martin" }).click();
  await expectNoAxeViolations(page);
  await expect(page.getByRole("main").getByText(/^Demandée par la personne : Mutuelle des Lilas/)).toBeVisible();
  const adhesionPage = page.url();
  await page.getByRole("button", { name: "Accepter l'adhésion" }).click();
  await expect(page.getByRole("status").first()).toContainText("Adhésion acceptée");
  // The former contract's résiliation: the letter marked sent, then the insurer's answer recorded; it ends the
  // day before the new contract starts, so neither overlap nor gap.
  await page.goto(adhesionPage);
  await page.getByRole("button", { name: "Marquer la lettre comme envoyée" }).click();
  await expect(page.getByRole("main").getByText(/^Lettre envoyée le \d{2}\/\d{2}\/\d{4}\.$/)).toBeVisible();
  // Each step saved is confirmed in a status box of the résiliation section (docs/accessibility.md).
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Lettre marquée comme envoyée.");
  await page.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(page.locator("#answer-erreur")).toContainText("Choisissez la réponse de l'organisme");
  await expect(page.getByRole("alert").filter({ hasText: "La réponse n'a pas été enregistrée" })).toBeFocused();
  await expect(page.getByRole("radio", { name: "Résiliation acceptée" })).toHaveAttribute("required", "");
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "Résiliation acceptée" }).check();
  await page.getByLabel("Date de réception de la réponse").fill(formatDate(today));
  await page
    .getByLabel("Si acceptée : dernier jour couvert par l'ancien contrat")
    .fill(formatDate(addDays(firstOnOrAfter(addMonths(today, 1)), -1)));
  await page.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(
    page.getByRole("main").getByText("Les deux contrats se suivent sans chevauchement ni interruption."),
  ).toBeVisible();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Réponse de l'organisme enregistrée.");
  await expectNoAxeViolations(page);
  await signOut(page);

  const welcome = lastMailTo(server.dataDir, "alex.prospect@example.com");
  expect(welcome.subject).toBe("Bienvenue : activez votre espace adhérent");
  const memberNumber = /Votre numéro d'adhérent : (\d{8})/.exec(welcome.text)![1]!;
  const activation = /\/activer-mon-adhesion\?jeton=[A-Za-z0-9_%-]+/.exec(welcome.text)![0];
  await page.goto(activation);
  await expect(page.getByRole("heading", { name: "Activer votre espace adhérent" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Votre mot de passe", { exact: true }).fill("ma toute nouvelle mutuelle");
  await page.getByLabel("Votre mot de passe, une seconde fois").fill("ma toute nouvelle mutuelle");
  await page.getByRole("main").getByRole("button", { name: "Activer mon espace" }).click();
  await expect(page).toHaveURL(/\/connexion\?espace-active=1/);
  await signIn(page, memberNumber, "ma toute nouvelle mutuelle");
  await page.goto("/ma-mutuelle");
  await expect(page.getByRole("main").getByText("Équilibre", { exact: true })).toBeVisible();
});
