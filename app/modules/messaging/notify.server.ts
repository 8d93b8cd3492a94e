// Tells the member a message is waiting. Nothing about its content (it may concern health): the mail only
// says there is a new message and links to the page, behind sign-in.
import type { Mailer } from "../mail/mailer.server.ts";

export async function notifyNewMessage(
  mailer: Mailer,
  { to, publicUrl, threadId }: { to: string; publicUrl: string; threadId: string },
): Promise<void> {
  await mailer.send({
    to,
    subject: "Vous avez un nouveau message",
    text:
      "Bonjour,\n\nVous avez un nouveau message dans la messagerie de votre espace adhérent.\n" +
      `Pour le lire, connectez-vous : ${publicUrl}/messagerie/${threadId}\n\nVotre mutuelle`,
  });
}
