import { type Browser, expect, type Page, test } from "@playwright/test";
import { demoPassword, expectNoAxeViolations, signIn, signInAdvisor, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";
import { lastMailTo } from "../support/outbox.ts";
import { totpFor } from "../support/step-up.ts";
import { recentDay, today } from "../support/clock.ts";
import { addMonths } from "../../app/modules/clock/calendar.ts";

// Own access, confidentiality and carers change Benoit's household: this spec has its own server and database.
const { dataDir } = useOwnServer();

const password = "une phrase de passe bien longue";
const linkPath = (text: string) => /https?:\/\/[^/\s]+(\/[^\s]+)/.exec(text)![1]!;

async function signInByEmail(page: Page, email: string) {
  await page.goto("/connexion");
  await page.getByLabel("Numéro d'adhérent ou adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

test("Benoit invites Sarah; she activates her space and asks confidentiality; Benoit then sees amounts only", async ({
  page,
}) => {
  await signIn(page, "10000001");
  await page.goto("/ma-mutuelle/beneficiaires");
  await page.getByRole("link", { name: "Espace personnel de Sarah Mancion" }).click();
  await page.getByLabel("Adresse e-mail de Sarah").fill("sarah.e2e@example.com");
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByRole("status")).toContainText("L'invitation est envoyée");
  await expectNoAxeViolations(page);
  await signOut(page);

  const mail = lastMailTo(dataDir, "sarah.e2e@example.com");
  const code = /code : (\d{6})/.exec(mail.text)![1]!;
  await page.goto(linkPath(mail.text));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Activer mon espace");
  await page.getByLabel("Votre date de naissance").fill("1984-09-02");
  await page.getByLabel("Le code reçu par e-mail").fill(code);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByLabel("Mot de passe, une seconde fois").fill(password);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Activer mon espace" }).click();
  await expect(page).toHaveURL(/\/connexion\?espace-active=1$/);

  await signInByEmail(page, "sarah.e2e@example.com");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Sarah");
  await page.getByRole("link", { name: "Mon accès" }).first().click();
  await page.getByRole("button", { name: "Rendre mes soins confidentiels" }).click();
  await expect(page.getByRole("status")).toContainText("ne voit plus pour vous que les montants versés");
  await expectNoAxeViolations(page);
  // Her own bank details and documents, from her space.
  await page.getByRole("link", { name: "Voir ou modifier mes coordonnées bancaires" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mes informations bancaires");
  await expect(page.getByRole("heading", { name: "Mes remboursements" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Contrat santé : cotisations et remboursements")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Mes documents" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mes documents");
  await expect(page.getByRole("main").getByText("Échéancier de cotisations")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await signOut(page);

  await signIn(page, "10000001");
  await page.goto("/remboursements");
  await expect(
    page.getByRole("link", { name: /^Soins confidentiels .* Soins de Sarah Mancion/ }).first(),
  ).toBeVisible();
  await expect(page.getByRole("main").getByText("Cabinet de chiropraxie Saint-Roch")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

async function enrolSecondFactor(page: Page, email: string) {
  await page.goto("/mon-compte/double-authentification");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirmer votre identité");
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(password);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("main").getByText("Étape 2 sur 2")).toBeVisible();
  const code = /code de confirmation : (\d{6})/.exec(lastMailTo(dataDir, email).subject)![1]!;
  await page.getByRole("textbox", { name: "Code reçu par e-mail" }).fill(code);
  await page.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Double authentification");
  await page.getByRole("button", { name: "Commencer" }).click();
  const secret = (await page.locator("code.secret").textContent())!.trim();
  await page.getByLabel("Code affiché par l'application").fill(await totpFor(secret));
  await page.getByRole("button", { name: "Activer" }).click();
  // Enrolled: the page goes on to « activée » (through a new identity check, the session being a new one).
  await expect(page).toHaveURL(/activee/);
}

test("Benoit lets Hélia file claims for three months; she files one, he is told, he revokes, her session ends", async ({
  page,
  browser,
}: {
  page: Page;
  browser: Browser;
}) => {
  test.setTimeout(120_000); // two people, a second factor enrolled and a claim filed with a file
  await signIn(page, "10000001");
  await page.goto("/mon-compte/aidants");
  // Granting access needs a fresh identity check, as a RIB change does.
  await page.getByRole("link", { name: "Confirmer mon identité pour donner un accès" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirmer votre identité");
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(demoPassword);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("main").getByText("Étape 2 sur 2")).toBeVisible();
  const stepUpCode = /code de confirmation : (\d{6})/.exec(
    lastMailTo(dataDir, "benoit.brouez@example.com").subject,
  )![1]!;
  await page.getByRole("textbox", { name: "Code reçu par e-mail" }).fill(stepUpCode);
  await page.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aidants");
  await page.getByLabel("Nom de la personne aidante").fill("Hélia Brouez");
  await page.getByLabel("Son adresse e-mail").fill("helia.e2e@example.com");
  await page.getByLabel("Déposer des demandes de remboursement et des devis").check();
  await page.getByLabel("Fin de l'accès").fill(addMonths(today, 3));
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Donner l'accès" }).click();
  await expect(page.getByRole("status")).toContainText("L'accès est donné");

  const helia = await (await browser.newContext()).newPage();
  await helia.goto(linkPath(lastMailTo(dataDir, "helia.e2e@example.com").text));
  await helia.getByLabel("Mot de passe", { exact: true }).fill(password);
  await helia.getByLabel("Mot de passe, une seconde fois").fill(password);
  await helia.getByRole("button", { name: "Créer mon accès" }).click();
  await expect(helia).toHaveURL(/\/connexion\?espace-active=1$/);
  await signInByEmail(helia, "helia.e2e@example.com");
  await expect(helia.getByRole("heading", { level: 1 })).toHaveText("Aidants");
  await enrolSecondFactor(helia, "helia.e2e@example.com");
  await helia.goto("/mon-compte/aidants");
  await helia.getByRole("button", { name: "Agir pour le compte de Benoit Brouez" }).click();
  await expect(helia.getByRole("note")).toContainText("Vous agissez pour le compte de Benoit Brouez");
  await expectNoAxeViolations(helia);

  await helia.getByRole("link", { name: "Demander un remboursement" }).first().click();
  await helia.getByLabel("Louise Brouez").check();
  await helia.getByLabel("Type de soin *").selectOption({ label: "Chiropractie" });
  await helia.getByLabel("En France").check();
  await helia.getByLabel("Date du soin *").fill(recentDay("2026-11-20"));
  await helia.getByLabel("Montant payé, en euros *").fill("45");
  await helia.getByRole("button", { name: "Continuer" }).click();
  await helia.getByLabel("Ajouter des fichiers").setInputFiles("config/notices/notice-information-2026.pdf");
  await helia.getByRole("button", { name: "Importer les fichiers" }).click();
  await expect(helia.getByText("notice-information-2026.pdf")).toBeVisible();
  await helia.getByRole("button", { name: "Continuer" }).click();
  await helia.getByRole("button", { name: "Valider ma demande" }).click();
  await expect(helia.getByRole("status")).toContainText("Votre demande est bien envoyée");
  const reference = (await helia.getByRole("status").locator("strong").textContent())!;
  // Not hers to read: reimbursements were not granted.
  expect((await helia.goto("/remboursements"))!.status()).toBe(404);

  const told = lastMailTo(dataDir, "benoit.brouez@example.com");
  expect(told.subject).toBe("Une démarche a été faite pour votre compte");
  expect(told.text).toContain(reference);
  expect(told.text).toContain("Hélia Brouez");

  await page.goto("/mon-compte/aidants");
  await expect(page.getByRole("region", { name: "Ce que vos aidants ont fait pour vous" })).toContainText(
    `Demande de remboursement ${reference}, par Hélia Brouez pour le compte de Benoit Brouez`,
  );
  await page.getByRole("button", { name: "Retirer l'accès de Hélia Brouez" }).click();
  await expect(page.getByRole("status")).toContainText("L'accès est retiré");
  await helia.goto("/demandes");
  await expect(helia).toHaveURL(/\/connexion/);
});

test("a gestionnaire records a legal representative on the judgment and reads the own-access requests", async ({
  page,
}) => {
  test.setTimeout(180_000); // each advisor's first sign-in enrols a second factor
  await signInAdvisor(page, dataDir, "gestionnaire.demo");
  await page.goto("/back-office/acces-personnels");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demandes d'espace personnel");
  await expectNoAxeViolations(page);
  await page.goto("/back-office/adherents/10000001");
  await page.getByRole("link", { name: "Enregistrer un représentant légal (tutelle, curatelle) sur jugement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enregistrer un représentant légal");
  await page.getByRole("radio", { name: "Benoit Brouez" }).check();
  await page.getByRole("radio", { name: "Tutelle" }).check();
  await page.getByLabel("Nom du représentant (tuteur, curateur)").fill("Camille Tuteur");
  await page.getByLabel("Adresse e-mail du représentant").fill("tuteur.e2e@example.com");
  await page.getByLabel("Fin de la mesure (lue sur le jugement)").fill(addMonths(today, 24));
  await page.getByLabel("Jugement", { exact: true }).setInputFiles("config/notices/notice-information-2026.pdf");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Enregistrer pour validation" }).click();
  await expect(page.getByRole("heading", { name: "Représentant légal à enregistrer" })).toBeVisible();
  // Four eyes: whoever recorded the measure cannot also give its access; another gestionnaire does.
  const request = page.url();
  await page.getByRole("button", { name: "Accepter et donner l'accès" }).click();
  await expect(
    page
      .getByRole("main")
      .getByText(/un autre gestionnaire doit l'accepter/)
      .first(),
  ).toBeVisible();
  await signOut(page);
  await signInAdvisor(page, dataDir, "administrateur.demo");
  await page.goto(request);
  await page.getByRole("button", { name: "Accepter et donner l'accès" }).click();
  await expect(
    page
      .getByRole("main")
      .getByText(/Camille Tuteur est enregistré/)
      .first(),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  expect(lastMailTo(dataDir, "tuteur.e2e@example.com").text).toContain("représentant(e) légal(e) (tutelle)");
});
