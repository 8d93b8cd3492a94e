// npm run banking:rotate-key — re-encrypts what the banking key ring protects under the first key of
// IBAN_ENCRYPTION_KEYS: bank accounts' IBANs, the adhesion journeys' NIRs and IBANs, the people's NIRs
// (see docs/operations.md, "Rotating the IBAN key"). Safe to run again; safe while servers run.
import { resolve } from "node:path";
import { readEnv } from "../app/modules/config/env.server.ts";
import { openDatabase } from "../app/modules/db/client.server.ts";
import { parseKeyRing } from "../app/modules/banking/iban-crypto.server.ts";
import { reencryptIbans } from "../app/modules/banking/rotate-key.server.ts";
import { reencryptJourneys, reencryptPersonNirs } from "../app/modules/offer/rotate-key.server.ts";

const env = readEnv();
if (!env.IBAN_ENCRYPTION_KEYS) {
  console.error(
    "IBAN_ENCRYPTION_KEYS n'est pas défini : rien à faire (la clé est dérivée d'AUTH_SECRET). Voir docs/operations.md.",
  );
  process.exit(1);
}
const ring = parseKeyRing(env.IBAN_ENCRYPTION_KEYS);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR) });
try {
  const ibans = await reencryptIbans(database.db, ring);
  const journeys = await reencryptJourneys(database.db, ring);
  const nirs = await reencryptPersonNirs(database.db, ring);
  console.log(
    `Rechiffrés avec la clé « ${ring.currentId} » : ${ibans.reencrypted} IBAN de comptes, ` +
      `${journeys.reencrypted} adhésions en ligne, ${nirs.reencrypted} numéros de sécurité sociale. ` +
      `Restant sous une ancienne clé : ${ibans.left + journeys.left + nirs.left}.`,
  );
  if (ibans.left + journeys.left + nirs.left > 0) process.exitCode = 2;
} finally {
  await database.close();
}
