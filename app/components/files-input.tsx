// The one file field of every upload form (claims, devis, messagerie, adhesion, beneficiaries, legal
// representatives): the types the server accepts (claims/attachments checks the content itself), and its
// aria-invalid and aria-describedby set as every other field's (fieldErrorProps).
import { fieldErrorProps } from "./error-summary.tsx";

/** What the file picker offers: PDF, JPEG and PNG, the types the server keeps. */
export const acceptedAttachmentTypes = "application/pdf,image/jpeg,image/png";

export function FilesInput({
  id = "fichiers",
  multiple = true,
  error,
  hintId,
}: {
  id?: string;
  multiple?: boolean;
  error?: string;
  hintId?: string;
}) {
  return (
    <input
      id={id}
      name="fichiers"
      type="file"
      multiple={multiple}
      accept={acceptedAttachmentTypes}
      {...fieldErrorProps(id, error, hintId)}
    />
  );
}
