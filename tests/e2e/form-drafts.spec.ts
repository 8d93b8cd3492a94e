// The IBAN typed when the identity check had run out is not lost (issue 25, item 7; WCAG 2.2.1, 3.3.7): with and
// without JavaScript, the member confirms who they are again and finds the form as they left it. The check is
// made stale the way a person meets it: the session that holds it is replaced (signed out and in again in
// another tab), so the form's post meets a session without a fresh step-up.
import { expect, type Page, test } from "@playwright/test";
import { lastMailTo } from "../support/outbox.ts";
import { demoPassword, expectNoAxeViolations, signIn, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";

const server = useOwnServer();
const typedIban = "FR76 3000 6000 0112 3456 7890 189";

// One member per run: each ends with a RIB change on hold, and a second one would wait for it.
const members = {
  js: { number: "10000001", email: "benoit.brouez@example.com", holder: "BENOIT BROUEZ" },
  noJs: { number: "10000002", email: "claire.fontaine@example.com", holder: "CLAIRE FONTAINE" },
};

async function confirmIdentity(page: Page, email: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirmer votre identité");
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(demoPassword);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("main").getByText("Étape 2 sur 2")).toBeVisible();
  const code = /code de confirmation : (\d{6})/.exec(lastMailTo(server.dataDir, email).subject)![1]!;
  await page.getByRole("textbox", { name: "Code reçu par e-mail" }).fill(code);
  await page.getByRole("button", { name: "Confirmer" }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    const member = javaScriptEnabled ? members.js : members.noJs;

    test("the IBAN and holder typed are still in the form after confirming one's identity again", async ({
      page,
      context,
    }) => {
      await signIn(page, member.number);
      await page.goto("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat");
      await confirmIdentity(page, member.email);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Saisir un RIB");
      await expect(page.getByRole("main").getByText(/Votre identité est confirmée jusqu'à \d\d:\d\d/)).toBeVisible();
      await page.getByLabel("IBAN").fill(typedIban);
      await page.getByLabel("Titulaire du compte").fill(member.holder);

      // Meanwhile the check lapses: another tab signs out and in again (a new session, no step-up).
      const other = await context.newPage();
      await other.goto("/");
      await signOut(other);
      await signIn(other, member.number);
      await other.close();

      await page.getByRole("button", { name: "Valider ma demande" }).click();
      await expect(page).toHaveURL(/\/mon-compte\/verification\?retour=/);
      expect(page.url().replace(/%20|\s/g, "")).not.toContain("30006000011234567890189");
      await confirmIdentity(page, member.email);

      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Saisir un RIB");
      await expect(page.getByRole("main").getByRole("status")).toContainText(
        "nous avons gardé ce que vous aviez saisi",
      );
      await expect(page.getByLabel("IBAN")).toHaveValue(typedIban);
      await expect(page.getByLabel("Titulaire du compte")).toHaveValue(member.holder);
      expect(page.url()).not.toContain("3000");
      // axe runs in the page: only with JavaScript.
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      await page.getByRole("button", { name: "Valider ma demande" }).click();
      await expect(page.getByRole("main").getByRole("status")).toContainText("Votre nouveau RIB est enregistré");
    });
  });
}

test("a message typed when the session ends is sent after signing in again, with JavaScript (issue 25, item 6)", async ({
  page,
  context,
}) => {
  await page.clock.install();
  await signIn(page, members.noJs.number);
  const compose = "/messagerie/nouveau?categorie=modification-contrat&sujet=ajout-beneficiaires&ecrire=1";
  await page.goto(compose);
  const message = "Bonjour, je voudrais ajouter mon fils à mon contrat. Voici les détails, longuement tapés.";
  await page.getByLabel("Votre message *").fill(message);

  // The page's count reaches the end: the form keeps what was typed, so the page stays and says so.
  await page.clock.fastForward("30:01");
  const dialog = page.getByRole("dialog", { name: "Votre session a expiré" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Revenir au formulaire" })).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Revenir au formulaire" }).click();
  await expect(page.getByLabel("Votre message *")).toBeFocused();
  await expect(page.getByLabel("Votre message *")).toHaveValue(message);
  expect(new URL(page.url()).pathname).toBe("/messagerie/nouveau");

  // The session ends for the server too: the browser drops its session cookie, as it does after the idle
  // time (the draft owner cookie stays). Signing out would not do: it forgets the drafts' owner on purpose.
  await context.clearCookies({ name: /session_token$/ });

  await page.getByRole("button", { name: "Valider et envoyer" }).click();
  await expect(page.getByRole("main").getByText("Votre session a expiré")).toBeVisible();
  expect(page.url()).not.toContain("longuement");
  await page.getByLabel("Numéro d'adhérent ou adresse e-mail").fill(members.noJs.number);
  await page.getByLabel("Mot de passe").fill(demoPassword);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Messagerie");
  await expect(page.getByRole("main").getByRole("status")).toContainText("nous avons gardé le message");
  await expect(page.getByLabel("Votre message *")).toHaveValue(message);
  await page.getByRole("button", { name: "Valider et envoyer" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Votre message est envoyé");
});
