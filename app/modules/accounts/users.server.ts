// Creating a login: the user row and its e-mail/password account, in the shape better-auth writes them.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.server.ts";
import type { AdvisorRole } from "../back-office/permissions.ts";
import { hashPassword } from "./passwords.server.ts";
import { account, user } from "./schema.ts";

export async function createCredentialUser(
  tx: Db,
  fields: { name: string; email: string; username?: string; role: "member" | "advisor"; advisorRole?: AdvisorRole },
  password: string,
): Promise<string> {
  const id = randomUUID();
  await tx.insert(user).values({ id, ...fields, displayUsername: fields.username ?? null, emailVerified: true });
  await tx.insert(account).values({
    id: randomUUID(),
    accountId: id,
    providerId: "credential",
    userId: id,
    password: await hashPassword(password),
  });
  return id;
}
