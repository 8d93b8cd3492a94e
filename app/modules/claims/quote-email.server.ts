// The e-mail that confirms a devis was received, as the claim's does. It names the reference only: no care,
// no amount, no beneficiary (an e-mail is read on shared screens and kept by mail providers).
import { eq } from "drizzle-orm";
import { user } from "../accounts/schema.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";

/** Sends the confirmation; an SMTP failure is returned, not thrown: the devis is saved either way. */
export async function sendQuoteConfirmation(
  { db, mailer }: { db: Db; mailer: Mailer },
  viewer: MemberViewer,
  reference: string,
): Promise<{ error?: string }> {
  const [account] = await db.select({ email: user.email }).from(user).where(eq(user.id, viewer.userId));
  if (!account) return {};
  try {
    await mailer.send({
      to: account.email,
      subject: `Devis ${reference} bien reçu`,
      text:
        `Bonjour ${viewer.firstName},\n\nNous avons bien reçu votre devis ${reference}.\n` +
        "Votre mutuelle vous répondra dans votre espace adhérent, rubrique « Mes démarches », où vous pouvez suivre son traitement.\n\nVotre mutuelle",
    });
    return {};
  } catch (error) {
    return { error: (error as Error).message };
  }
}
