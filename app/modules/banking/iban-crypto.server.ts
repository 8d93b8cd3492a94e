// IBANs at rest: AES-256-GCM (authenticated), a fresh 96-bit nonce per value, the household id as associated
// data (a ciphertext copied to another household's row no longer opens). Keys come from configuration as a
// ring: the first key encrypts, every key decrypts, so a new key can be put first and old rows re-encrypted
// at leisure (`npm run banking:rotate-key`).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

export interface KeyRing {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

const format = "v1";

/** "id1:base64key,id2:base64key": 32-byte keys, the first one current. */
export function parseKeyRing(spec: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let currentId = "";
  for (const part of spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, encoded] = part.split(":");
    if (!id || !encoded || !/^[A-Za-z0-9_-]{1,32}$/.test(id))
      throw new Error("chaque clé s'écrit identifiant:clé-en-base64");
    const key = Buffer.from(encoded, "base64");
    if (key.length !== 32) throw new Error(`la clé « ${id} » doit faire 32 octets (44 caractères en base64)`);
    if (keys.has(id)) throw new Error(`l'identifiant « ${id} » est en double`);
    keys.set(id, key);
    currentId ||= id;
  }
  if (!currentId) throw new Error("au moins une clé est nécessaire");
  return { currentId, keys };
}

/** Without configured keys (embedded demo installs), one key derived from the auth secret. */
export function derivedKeyRing(secret: string): KeyRing {
  const key = Buffer.from(hkdfSync("sha256", secret, "espace-adherent", "iban-encryption-v1", 32));
  return { currentId: "derived", keys: new Map([["derived", key]]) };
}

export function encryptIban(ring: KeyRing, iban: string, householdId: string): string {
  const key = ring.keys.get(ring.currentId)!;
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(householdId));
  const body = Buffer.concat([cipher.update(iban, "utf8"), cipher.final()]);
  return [
    format,
    ring.currentId,
    nonce.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export function decryptIban(ring: KeyRing, stored: string, householdId: string): string {
  const [version, keyId, nonce, tag, body] = stored.split(".");
  if (version !== format || !keyId || !nonce || !tag || !body) throw new Error("IBAN chiffré illisible");
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`clé « ${keyId} » absente de la configuration`);
  const nonceBytes = Buffer.from(nonce, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  // Full-length nonce and tag only: a truncated tag would make forgeries cheap.
  if (nonceBytes.length !== 12 || tagBytes.length !== 16) throw new Error("IBAN chiffré illisible");
  const decipher = createDecipheriv("aes-256-gcm", key, nonceBytes, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(householdId));
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export function keyIdOf(stored: string): string {
  return stored.split(".")[1] ?? "";
}
