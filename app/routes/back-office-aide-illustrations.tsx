// Illustrations for the help articles: an administrateur uploads a JPEG or PNG (checked by content through
// the claims' upload pipeline, metadata removed, scanned) with its text alternative, then copies its
// Markdown code into an article.
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { parseForm } from "../modules/forms/form-data.ts";
import { redirect } from "react-router";
import { requestContext, servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { discardUploads, keepOrDiscard } from "../modules/claims/attachments.server.ts";
import { receiveUploads } from "../modules/claims/read-uploads.server.ts";
import { uploadLimits } from "../modules/claims/limits.ts";
import {
  illustrationStore,
  listIllustrations,
  recordIllustration,
  refuseNonImage,
} from "../modules/help/illustrations.server.ts";
import { z } from "zod";
import { ErrorSummary } from "../components/error-summary.tsx";
import type { Route } from "./+types/back-office-aide-illustrations";

export const meta: Route.MetaFunction = () => [{ title: "Illustrations – Centre d'aide – Administration" }];

export async function loader(args: Route.LoaderArgs) {
  await requirePermission(args, "admin.manage");
  const { db } = args.context.get(servicesContext);
  return { illustrations: await listIllustrations(db), added: new URL(args.request.url).searchParams.get("fait") };
}

const illustrationSchema = z.object({
  alt: z
    .string()
    .trim()
    .min(3, "Décrivez l'image en quelques mots (3 caractères au moins) : c'est son texte pour les lecteurs d'écran.")
    .max(200, "La description fait 200 caractères au plus.")
    .refine((v) => !/[[\]\n\r]/.test(v), "La description ne contient ni crochet ni retour à la ligne."),
});

export async function action(args: Route.ActionArgs) {
  const admin = await requirePermission(args, "admin.manage");
  const services = args.context.get(servicesContext);
  const store = illustrationStore(services);
  const fields: Record<string, string> = {};
  let stored;
  try {
    ({ stored } = await receiveUploads(args.request, store, fields));
  } catch (error) {
    return appErrorAnswer(error, (refusal) =>
      actionResult({ fieldErrors: { fichiers: refusal.message }, values: { alt: fields.alt ?? "" } }),
    );
  }
  const parsed = parseForm(illustrationSchema, { alt: fields.alt ?? "" });
  const refused = refuseNonImage(stored);
  if (!parsed.ok || refused) {
    await discardUploads(store, stored);
    const fieldErrors = parsed.ok ? {} : parsed.fieldErrors;
    if (refused) fieldErrors.fichiers = refused.message;
    return actionFailure(refused?.status ?? 400, { fieldErrors, values: { alt: fields.alt ?? "" } });
  }
  await keepOrDiscard(store, stored, () =>
    recordIllustration(services.db, admin, stored[0]!, parsed.data.alt, args.context.get(requestContext).ip),
  );
  return redirect("/back-office/administration/aide/illustrations?fait=1");
}

export default function HelpIllustrations({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  return (
    <div className="admin">
      <p>
        <a href="/back-office/administration/aide">← Centre d'aide</a>
      </p>
      <h1>Illustrations</h1>
      {d.added ? (
        <div className="alert alert--info" role="status">
          Illustration ajoutée : copiez son code dans un article.
        </div>
      ) : null}
      <section className="card" aria-labelledby="ajouter">
        <h2 id="ajouter">Ajouter une illustration</h2>
        <ErrorSummary title="L'illustration n'a pas été ajoutée, corrigez :" errors={errors} />
        <form method="post" encType="multipart/form-data" className="form-card" noValidate>
          <div className={errors.fichiers ? "field field--error" : "field"}>
            <label htmlFor="fichiers">Image (JPEG ou PNG)</label>
            <p className="field__hint" id="fichiers-aide">
              {`${uploadLimits.maxFileBytes / 1024 / 1024} Mo au plus. Ses métadonnées (lieu, appareil) sont retirées.`}
            </p>
            {errors.fichiers ? (
              <p className="field__error" id="fichiers-erreur">
                <span aria-hidden="true">⚠ </span>
                {errors.fichiers}
              </p>
            ) : null}
            <input
              id="fichiers"
              name="fichiers"
              type="file"
              accept="image/jpeg,image/png"
              aria-describedby={errors.fichiers ? "fichiers-aide fichiers-erreur" : "fichiers-aide"}
              aria-invalid={errors.fichiers ? true : undefined}
            />
          </div>
          <div className={errors.alt ? "field field--error" : "field"}>
            <label htmlFor="alt">Description de l'image</label>
            <p className="field__hint" id="alt-aide">
              Ce que l'image montre, pour qui ne la voit pas (ex. : « Le bouton Saisir un RIB, en bas de la page »).
            </p>
            {errors.alt ? (
              <p className="field__error" id="alt-erreur">
                <span aria-hidden="true">⚠ </span>
                {errors.alt}
              </p>
            ) : null}
            <input
              id="alt"
              name="alt"
              maxLength={200}
              defaultValue={actionData?.values.alt ?? ""}
              aria-describedby={errors.alt ? "alt-aide alt-erreur" : "alt-aide"}
              aria-invalid={errors.alt ? true : undefined}
            />
          </div>
          <button type="submit" className="button button--primary">
            Téléverser
          </button>
        </form>
      </section>
      <section className="card" aria-labelledby="liste">
        <h2 id="liste">Illustrations téléversées</h2>
        {d.illustrations.length === 0 ? <p>Aucune illustration.</p> : null}
        <ul className="item-list">
          {d.illustrations.map((i) => (
            <li key={i.id}>
              <img src={`/aide/illustrations/${i.id}`} alt={i.alt} className="help-illustration" width="240" />
              <p>
                Code à copier : <code>{`![${i.alt}](/aide/illustrations/${i.id})`}</code>
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
