// Tells the member a message is waiting. Nothing about its content (it may concern health): the mail only
// says there is a new message and links to the page, behind sign-in.
// Sent as the member chose for "new_message" (notifications/preferences).
import type { Db } from "../db/client.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { notify } from "../notifications/preferences.server.ts";

export async function notifyNewMessage(
  deps: { db: Db; mailer: Mailer },
  { to, publicUrl, threadId }: { to: string; publicUrl: string; threadId: string },
): Promise<void> {
  await notify(deps, { email: to }, "new_message", {
    mail: {
      subject: "Vous avez un nouveau message",
      text:
        "Bonjour,\n\nVous avez un nouveau message dans la messagerie de votre espace adhérent.\n" +
        `Pour le lire, connectez-vous : ${publicUrl}/messagerie/${threadId}\n\nVotre mutuelle`,
    },
    push: {
      title: "Vous avez un nouveau message",
      body: "Un message vous attend dans votre messagerie.",
      url: `/messagerie/${threadId}`,
    },
  });
}
