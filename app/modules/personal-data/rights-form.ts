// The member's requests on their personal data that the mutuelle decides (GDPR art. 17, 18 and 21): erasure,
// restriction, objection. Access, portability and rectification need no decision: the member does them
// themselves (the export, the existing forms). Pure: shared by the page, the server and the back-office.
import { z } from "zod";

export const dataRights = ["erasure", "restriction", "objection"] as const;
export type DataRight = (typeof dataRights)[number];

export const dataRightLabels: Record<DataRight, string> = {
  erasure: "Effacement de mes données",
  restriction: "Limitation de l'utilisation de mes données",
  objection: "Opposition à une utilisation de mes données",
};

/** What the member may read before asking, in plain French. */
export const dataRightHints: Record<DataRight, string> = {
  erasure:
    "Nous effaçons ce que la loi ne nous oblige pas à garder : vos messages et leurs pièces jointes, vos brouillons de demande, votre numéro de téléphone, les adresses IP de vos connexions et vos archives de données.",
  restriction:
    "Par exemple pendant que nous vérifions une donnée que vous contestez : nous la gardons sans l'utiliser. Dites-nous laquelle.",
  objection:
    "Vous pouvez vous opposer à une utilisation fondée sur notre intérêt légitime (par exemple une étude statistique). Dites-nous laquelle et pourquoi.",
};

// Built when the form is read, not when the module loads: the page imports this file for its labels, and a
// schema built at the top would bring the whole of Zod into its browser bundle.
export const dataRightsSchema = () =>
  z
    .object({
      right: z.enum(dataRights, { error: "Choisissez ce que vous demandez." }),
      message: z.string().trim().max(2000, "Votre message dépasse 2 000 caractères : raccourcissez-le.").default(""),
    })
    .superRefine((v, ctx) => {
      if (v.right !== "erasure" && v.message.length < 10)
        ctx.addIssue({
          code: "custom",
          path: ["message"],
          message: "Précisez quelle utilisation de vos données est concernée (au moins 10 caractères).",
        });
    });
