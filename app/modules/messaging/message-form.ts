// What a message may hold, stated on the form and enforced on the server (one source for both).
import { z } from "zod";
import { findCategory, findSubject, type MessageCatalog } from "./categories.ts";

export const messageLimits = { maxChars: 5000 } as const;

// Schemas are built when a form is read, not when the module loads: the pages import this file for its limits,
// and a schema built at the top would bring the whole of Zod into their browser bundle.

/** The message text: line endings normalised, spaces around trimmed, never empty, 5,000 characters at most. */
export const messageBody = () =>
  z
    .string({ error: "Écrivez votre message." })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, "Écrivez votre message.")
        .max(
          messageLimits.maxChars,
          `Votre message dépasse ${messageLimits.maxChars.toLocaleString("fr-FR")} caractères : raccourcissez-le, ou joignez un document.`,
        ),
    );

/** A member's new message: a category they may choose, one of its subjects, the text. */
export const newMessageSchema = (catalog: MessageCatalog) =>
  z
    .object({
      categorie: z.string({ error: "Choisissez une catégorie." }),
      sujet: z.string({ error: "Choisissez l'objet de votre demande." }),
      message: messageBody(),
    })
    .superRefine((v, ctx) => {
      const category = findCategory(catalog, v.categorie);
      if (!category) ctx.addIssue({ code: "custom", path: ["categorie"], message: "Choisissez une catégorie." });
      else if (!findSubject(category, v.sujet))
        ctx.addIssue({ code: "custom", path: ["sujet"], message: "Choisissez l'objet de votre demande." });
    });

export const replySchema = () => z.object({ message: messageBody() });

/** An advisor's new thread: to a member by numéro d'adhérent, in "Message de votre conseiller". */
export const advisorNewThreadSchema = (catalog: MessageCatalog) =>
  z
    .object({
      numero: z
        .string({ error: "Indiquez le numéro d'adhérent." })
        .trim()
        .regex(/^\d{5,12}$/, "Indiquez le numéro d'adhérent, en chiffres (par exemple 10000001)."),
      sujet: z.string({ error: "Choisissez l'objet du message." }),
      message: messageBody(),
    })
    .superRefine((v, ctx) => {
      if (
        !findSubject(
          catalog.find((c) => c.advisorOnly),
          v.sujet,
        )
      )
        ctx.addIssue({ code: "custom", path: ["sujet"], message: "Choisissez l'objet du message." });
    });
