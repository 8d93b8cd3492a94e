// Illustrations for the articles: uploaded by an administrateur through the claims' upload pipeline (type by
// content, size, pixel budget, photo metadata removed, virus scan), JPEG or PNG only, stored in
// UPLOAD_DIR/aide (the claims' orphan sweep only looks directly in UPLOAD_DIR). Served to anyone who reads
// the help centre, as the images of its articles.
import { join } from "node:path";
import { desc, eq } from "drizzle-orm";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { FileStore, StoredUpload } from "../claims/attachments.server.ts";
import type { VirusScanner } from "../claims/virus-scan.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { helpIllustration } from "./schema.ts";

export function illustrationStore(services: { uploadDir: string; virusScanner: VirusScanner | null }): FileStore {
  return { uploadDir: join(services.uploadDir, "aide"), scanner: services.virusScanner };
}

/** Only images: a PDF passes the pipeline but is not an illustration; a file held for a scan is not shown. */
export function refuseNonImage(stored: StoredUpload[]): AppError | null {
  if (stored.length !== 1) return new AppError("no_file", "Choisissez une image (une à la fois).", 400);
  const [file] = stored;
  if (file!.mimeType !== "image/jpeg" && file!.mimeType !== "image/png")
    return new AppError("file_refused", `« ${file!.name.slice(0, 80)} » n'est pas une image JPEG ou PNG.`, 400);
  if (file!.quarantined)
    return new AppError(
      "scan_unavailable",
      "L'analyse antivirus est indisponible : réessayez dans quelques minutes.",
      503,
    );
  if (file!.activeContent) return new AppError("file_refused", "Cette image contient du contenu actif : refusée.", 400);
  return null;
}

export async function recordIllustration(
  db: Db,
  admin: AdvisorViewer,
  file: StoredUpload,
  alt: string,
  ip: string,
): Promise<string> {
  const [row] = await db
    .insert(helpIllustration)
    .values({
      originalName: file.name.slice(0, 200),
      storedName: file.storedName,
      mimeType: file.mimeType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      alt,
      createdBy: admin.userId,
    })
    .returning({ id: helpIllustration.id });
  await recordAudit(db, {
    action: "backoffice.help_illustration_added",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details: { illustrationId: row!.id },
  });
  return row!.id;
}

export async function listIllustrations(db: Db) {
  return db
    .select({
      id: helpIllustration.id,
      originalName: helpIllustration.originalName,
      alt: helpIllustration.alt,
      sizeBytes: helpIllustration.sizeBytes,
    })
    .from(helpIllustration)
    .orderBy(desc(helpIllustration.createdAt))
    .limit(200);
}

export async function getIllustration(db: Db, id: string) {
  if (!uuidPattern.test(id)) return null;
  const [row] = await db
    .select({
      storedName: helpIllustration.storedName,
      mimeType: helpIllustration.mimeType,
      originalName: helpIllustration.originalName,
    })
    .from(helpIllustration)
    .where(eq(helpIllustration.id, id));
  return row ?? null;
}
