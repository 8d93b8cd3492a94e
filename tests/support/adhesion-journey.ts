// "Adhérer en ligne" for tests: a journey filled up to its signature step through the real pages, and the
// signing code read from the outbox.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { firstOfNextMonth } from "../../app/modules/offer/pricing.ts";
import { formatDate } from "../../app/modules/shared/format.ts";
import { today } from "./clock.ts";
import { type TestClient, visibleText } from "./http-client.ts";
import { lastMailTo } from "./outbox.ts";

export const attestationPdf = () => readFileSync("config/notices/notice-information-2026.pdf");
// 1 84 09 69 123 456, key 57; the spouse's 2 86 03 75 111 222, key 51 (hand-computed in adhesion-rules.test.ts).
export const journeyNir = "1 84 09 69 123 456 57";
export const journeyStart = firstOfNextMonth(today);

const camille = { firstName: "Camille", lastName: "Durand", birthDate: "02/09/1984", nir: journeyNir };

/**
 * A new journey filled up to the signature step, for `email` (the subscriber: Camille Durand unless `who`);
 * `addressExtra`: more fields of the address step (the previous contract to cancel).
 */
export async function fillJourney(
  client: TestClient,
  email: string,
  who = camille,
  addressExtra: Record<string, string> = {},
): Promise<void> {
  const ok = async (res: Promise<Response>) => {
    const r = await res;
    if (r.status !== 302) throw new Error(`${r.status}: ${visibleText(await r.text()).slice(0, 400)}`);
  };
  await ok(
    client.post("/offre/adherer", {
      intent: "identite",
      email,
      ...who,
    }),
  );
  await ok(
    client.post("/offre/adherer", {
      intent: "adresse",
      addressLine1: "3 rue des Lilas",
      postalCode: "69003",
      city: "Lyon",
      startDate: formatDate(journeyStart),
      ...addressExtra,
    }),
  );
  await ok(
    client.post("/offre/adherer", {
      intent: "ajouter_beneficiaire",
      role: "spouse",
      firstName: "Léa",
      lastName: "Durand",
      birthDate: "12/03/1986",
      nir: "2 86 03 75 111 222 51",
    }),
  );
  await ok(
    client.post("/offre/adherer", {
      intent: "ajouter_beneficiaire",
      role: "child",
      firstName: "Hugo",
      lastName: "Durand",
      birthDate: "14/03/2015",
      nir: "",
      rank: "1",
    }),
  );
  await ok(client.post("/offre/adherer", { intent: "beneficiaires" }));
  await ok(client.post("/offre/adherer", { intent: "niveau", level: "equilibre" }));
  await ok(
    client.postMultipart("/offre/adherer", { intent: "attestation" }, [
      { name: "attestation.pdf", bytes: attestationPdf() },
    ]),
  );
  await ok(
    client.post("/offre/adherer", {
      intent: "banque",
      holderName: "Camille Durand",
      debitIban: "FR76 3000 6000 0112 3456 7890 189",
      refundAccount: "autre",
      refundHolderName: "Camille Durand",
      refundIban: "DE89 3704 0044 0532 0130 00",
    }),
  );
  await ok(client.post("/offre/adherer", { intent: "mandat" }));
  await ok(
    client.post("/offre/adherer", {
      intent: "consentements",
      consent_notice: "oui",
      consent_distance: "oui",
      consent_mandat: "oui",
      consent_exactitude: "oui",
    }),
  );
}

/** Asks for the signing code and reads it from the mail sent to `email`. */
export async function requestCode(client: TestClient, dataDir: string, email: string): Promise<string> {
  const sent = await client.post("/offre/adherer", { intent: "envoyer_code" });
  expect(sent.status).toBe(302);
  const mail = lastMailTo(dataDir, email);
  expect(mail.subject).toBe("Votre code de signature");
  return /signer votre adhésion : (\d{6})/.exec(mail.text)![1]!;
}

/** Fills the whole journey as `email` and signs it with the e-mailed code: the signature's answer (a redirect). */
export async function signJourney(client: TestClient, dataDir: string, email: string): Promise<Response> {
  await fillJourney(client, email);
  const signed = await client.post("/offre/adherer", {
    intent: "signer",
    code: await requestCode(client, dataDir, email),
  });
  expect(signed.status).toBe(302);
  return signed;
}

/**
 * Follows an e-mailed resume link as a person does: opens it (which spends nothing: mail scanners open links
 * first), then presses « Reprendre mon adhésion sur cet appareil ». A link that does not open is answered as is.
 */
export async function resumeByLink(client: TestClient, link: string): Promise<Response> {
  const opened = await client.get(link);
  if (opened.status !== 200) return opened;
  const jeton = new URL(link, "http://localhost").searchParams.get("jeton") ?? "";
  return client.post("/offre/adherer/reprendre", { jeton });
}
