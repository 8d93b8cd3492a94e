import { hash, verify } from "@node-rs/argon2";

// OWASP's Argon2id floor (m = 19 MiB, t = 2, p = 1): about 15 ms a hash on these machines.
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum the type-stripping loader cannot inline)
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword({ hash: stored, password }: { hash: string; password: string }) {
  try {
    return await verify(stored, password);
  } catch {
    // A malformed stored hash must read as "wrong password", never as a server error.
    return false;
  }
}
