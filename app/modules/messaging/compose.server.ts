// Reads a message form (multipart with files, or a plain form without), checks it with its Zod schema,
// and gives back either what to write or the errors to show next to each field, with their status. On any
// refusal the files already stored for this request are deleted: nothing is half-written.
import type { z } from "zod";
import { discardUploads, type FileStore, type StoredUpload } from "../claims/attachments.server.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { type HouseholdLimiter, type HouseholdQuotas, refuseUploadOverQuota } from "../claims/quotas.server.ts";
import { receiveUploads } from "../claims/read-uploads.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { formValues, parseForm } from "../forms/form-data.ts";

export type ComposeResult<T> =
  | { ok: true; value: T; stored: StoredUpload[] }
  | { ok: false; status: number; fieldErrors: Record<string, string>; values: Record<string, string> };

export async function readMessageForm<S extends z.ZodType>(
  request: Request,
  store: FileStore,
  schema: S,
): Promise<ComposeResult<z.output<S>>> {
  const fields: Record<string, string> = {};
  let stored: StoredUpload[] = [];
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    try {
      ({ stored } = await receiveUploads(request, store, fields));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { ok: false, status: error.status, fieldErrors: { fichiers: error.message }, values: fields };
    }
  } else {
    // A message without files comes as a plain form: its fields cut where the multipart reader cuts them (64 KB),
    // far above the message's own limit, which the schema refuses with its own words.
    Object.assign(fields, formValues(await request.formData(), 64 * 1024));
  }
  const parsed = parseForm(schema, fields);
  if (!parsed.ok) {
    await discardUploads(store, stored);
    return { ok: false, status: 400, fieldErrors: parsed.fieldErrors, values: fields };
  }
  return { ok: true, value: parsed.data, stored };
}

/**
 * Before a member's message is read: the household's hourly limit on messages (429), then, for a post with
 * files, the upload quota from its declared length (413). The errors to show, or null.
 */
export async function refuseMemberMessage(
  services: { db: Db; quotas: HouseholdQuotas; householdLimiter: HouseholdLimiter },
  viewer: MemberViewer,
  request: Request,
): Promise<{ status: number; fieldErrors: Record<string, string> } | null> {
  try {
    await services.householdLimiter.consume("message", viewer);
    if (request.headers.get("content-type")?.startsWith("multipart/form-data"))
      await refuseUploadOverQuota(services.db, viewer, services.quotas, request);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      status: error.status,
      fieldErrors: error.status === 413 ? { fichiers: error.message } : { message: error.message },
    };
  }
}

export function publicUrlOf(env: { PUBLIC_URL?: string; PORT: number }): string {
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}
