// POST /api/v1/decomptes — the core system pushes reimbursement lines (CSV or JSON Lines in the body).
// A service token, not a member session; see docs/import-decomptes.md.
import { Readable, Transform } from "node:stream";
import { requestContext, servicesContext } from "../context.ts";
import { importFromCoreSystem, importPace } from "../modules/reimbursements/import/core-system-import.server.ts";
import {
  formatFromContentType,
  readRecords,
  UnreadableImportError,
} from "../modules/reimbursements/import/read-records.ts";
import { errorSummary } from "../modules/shared/logger.server.ts";
import { hasServiceToken } from "../modules/reimbursements/import/service-token.server.ts";
import type { Route } from "./+types/api-decomptes";

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });

export function loader() {
  return json({ error: "Méthode non autorisée : envoyez les lignes en POST." }, 405);
}

export async function action({ request, context }: Route.ActionArgs) {
  const { env, db, logger, clock, metrics, guarantees } = context.get(servicesContext);
  // Without a configured token the endpoint does not exist; with one, a wrong token learns nothing more.
  if (!env.IMPORT_API_TOKEN) return json({ error: "Introuvable" }, 404);
  if (!hasServiceToken(request, env.IMPORT_API_TOKEN))
    return json({ error: "Jeton d'accès manquant ou invalide." }, 401);
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
  const source = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream);
  // pipe() gives the source no 'error' listener: a connection cut mid-body would stop the process. The error
  // goes on to the reader instead. (Not pipeline(): on the limit's error it would destroy the request, and
  // the socket with it, before the 413 is sent.)
  source.on("error", (error) => limit.destroy(error));
  const body = source.pipe(limit);
  // The reader may stop before the body's end (a file refused as unreadable): the limit's error, if the rest
  // still arrives, then has nobody to reject and would escape as an uncaught exception, stopping the process.
  // The reader has had its answer by then (and destroying the request here would cut the 413 before it is sent).
  limit.on("error", () => {});
  try {
    const records = readRecords(body, format, { maxLineBytes: env.IMPORT_MAX_LINE_BYTES });
    const summary = await importFromCoreSystem(db, clock, records, {
      source: "api",
      ip: context.get(requestContext).ip,
      guarantees,
      pace: importPace(env),
    });
    metrics.importedLines(summary.accepted);
    const nothingAccepted = summary.rejected > 0 && summary.accepted === 0;
    return json(summary, nothingAccepted ? 422 : 200);
  } catch (error) {
    if (error instanceof PayloadTooLarge) {
      return json(
        {
          error: `Fichier trop volumineux : ${env.IMPORT_MAX_BYTES} octets au plus. Les lots déjà reçus sont enregistrés ; découpez le fichier.`,
        },
        413,
      );
    }
    if (error instanceof UnreadableImportError)
      return json({ error: `Fichier illisible : ${error.message}. Rien n'a été importé.` }, 422);
    // Not the input (every line of it is checked): the database or the connection failed mid-way.
    logger.error({ event: "import_failed", err: errorSummary(error) });
    return json(
      {
        error:
          "L'import a été interrompu par une erreur du portail. Les lots déjà enregistrés sont conservés : renvoyez le même fichier pour le compléter.",
      },
      503,
    );
  }
}

class PayloadTooLarge extends Error {
  override name = "PayloadTooLarge";
}
