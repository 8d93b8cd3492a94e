// POST /api/v1/decomptes — the core system pushes reimbursement lines (CSV or JSON Lines in the body).
// A service token, not a member session; see docs/import-decomptes.md.
import { Readable, Transform } from "node:stream";
import { requestContext, servicesContext } from "../context.ts";
import { importFromCoreSystem } from "../modules/reimbursements/import/import-lines.server.ts";
import { formatFromContentType, readRecords } from "../modules/reimbursements/import/read-records.ts";
import { hasServiceToken } from "../modules/reimbursements/import/service-token.server.ts";
import type { Route } from "./+types/api-decomptes";

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });

export function loader() {
  return json({ error: "Méthode non autorisée : envoyez les lignes en POST." }, 405);
}

export async function action({ request, context }: Route.ActionArgs) {
  const { env, db, clock } = context.get(servicesContext);
  // Without a configured token the endpoint does not exist; with one, a wrong token learns nothing more.
  if (!env.IMPORT_API_TOKEN) return json({ error: "Introuvable" }, 404);
  if (!hasServiceToken(request, env.IMPORT_API_TOKEN)) return json({ error: "Jeton d'accès manquant ou invalide." }, 401);
  const format = formatFromContentType(request.headers.get("content-type"));
  if (!format) return json({ error: "Content-Type attendu : text/csv ou application/x-ndjson." }, 415);
  if (!request.body) return json({ error: "Corps de requête vide." }, 400);
  if (Number(request.headers.get("content-length") ?? 0) > env.IMPORT_MAX_BYTES) {
    return json({ error: `Fichier trop volumineux : ${env.IMPORT_MAX_BYTES} octets au plus ; découpez-le.` }, 413);
  }

  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      if (received > env.IMPORT_MAX_BYTES) done(new PayloadTooLarge());
      else done(null, chunk);
    },
  });
  const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream).pipe(limit);
  try {
    const summary = await importFromCoreSystem(db, clock, readRecords(body, format), context.get(requestContext).ip);
    const nothingAccepted = summary.rejected > 0 && summary.inserted + summary.updated + summary.unchanged === 0;
    return json(summary, nothingAccepted ? 422 : 200);
  } catch (error) {
    if (error instanceof PayloadTooLarge) {
      return json({ error: `Fichier trop volumineux : ${env.IMPORT_MAX_BYTES} octets au plus. Les lots déjà reçus sont enregistrés ; découpez le fichier.` }, 413);
    }
    throw error;
  }
}

class PayloadTooLarge extends Error {}
