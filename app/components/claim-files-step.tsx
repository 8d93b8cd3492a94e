// "Demander un remboursement", step 2 (Pièces justificatives): the draft's files, and the form that adds more
// (a plain multipart post, or with JavaScript one that shows its progress), rendered by routes/demande-nouvelle.tsx.
import { useState } from "react";
import { Form, useNavigate, useRevalidator } from "react-router";
import { uploadLimits } from "../modules/claims/limits.ts";
import { type ClaimPage, stepUrl } from "./claim-steps.tsx";
import { FilesInput } from "./files-input.tsx";

// What each care type needs, said before the upload.
const neededDocuments: Record<string, string> = {
  osteopathie: "la facture détaillée du praticien (nom, numéro ADELI ou RPPS, date et prix de la séance)",
  chiropractie: "la facture détaillée du praticien (nom, numéro ADELI, date et prix de la séance)",
  optique: "la facture détaillée de l'opticien et l'ordonnance",
  dentaire: "la facture détaillée du dentiste",
  pharmacie: "la facture de la pharmacie et l'ordonnance",
  transport: "la facture du transporteur et la prescription médicale de transport",
  appareillage: "la facture du fournisseur et l'ordonnance",
};

/**
 * The upload form. Without JavaScript it is a plain multipart post. With it, the files go through
 * XMLHttpRequest, whose upload progress fetch does not give, and a progress bar shows how far it is.
 */
function UploadForm({
  action,
  next,
  children,
}: {
  action: string;
  /** Step 3's address, reached by the form's "Continuer" button once the chosen files are imported. */
  next: string;
  children: React.ReactNode;
}) {
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Announced to screen readers (issue 25, item 4): the live regions below exist from the first render, so
  // "Envoi en cours", "2 fichiers ajoutés" and errors are read when they change.
  const [status, setStatus] = useState("");
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(form, submitter);
    const chosen = data.getAll("fichiers").filter((f) => f instanceof File && f.name !== "").length;
    if (submitter?.name === "suite" && chosen === 0) {
      navigate(next);
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", action);
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    setError(null);
    if (chosen > 0) setStatus(`Envoi en cours de ${chosen === 1 ? "1 fichier" : `${chosen} fichiers`}…`);
    xhr.onload = () => {
      setProgress(null);
      if (xhr.status < 400) {
        form.reset();
        setStatus(chosen === 0 ? "" : chosen === 1 ? "1 fichier ajouté." : `${chosen} fichiers ajoutés.`);
        // The server answered "Continuer" with step 3 once the files were in (the request followed it).
        if (submitter?.name === "suite" && xhr.responseURL.includes("etape=3")) navigate(next);
        else revalidator.revalidate();
        return;
      }
      // The server's own French message, from the page it answered with.
      const alert = new DOMParser().parseFromString(xhr.responseText, "text/html").querySelector("[role=alert]");
      setStatus("");
      setError(alert?.textContent ?? "L'envoi n'a pas abouti. Réessayez.");
    };
    xhr.onerror = () => {
      setProgress(null);
      setStatus("");
      setError("L'envoi n'a pas abouti : vérifiez votre connexion et réessayez.");
    };
    xhr.send(data);
  };
  return (
    <form method="post" encType="multipart/form-data" action={action} onSubmit={onSubmit}>
      {/* Live regions without role: present from the first render, so their changes are read; the page's own
          role="alert" / role="status" boxes stay the only ones with those roles. */}
      <div aria-live="assertive" className="upload-error">
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <p aria-live="polite" className="upload-status">
        {status}
      </p>
      {children}
      {progress !== null ? (
        <p>
          <label htmlFor="progression">Envoi en cours</label>{" "}
          <progress id="progression" max={100} value={progress}>
            {progress} %
          </progress>{" "}
          {progress} %
        </p>
      ) : null}
    </form>
  );
}

export function FilesStep({ d, draftId }: { d: ClaimPage; draftId: string }) {
  return (
    <section className="card form-card" aria-labelledby="pieces">
      <h2 id="pieces">2/3 Pièces justificatives</h2>
      <p id="pieces-aide">
        Joignez {neededDocuments[d.data.careType ?? ""] ?? "la facture détaillée et, s'il y en a une, l'ordonnance"}.
        Fichiers PDF, JPEG ou PNG, {uploadLimits.maxFiles} au plus, 10 Mo chacun.
      </p>
      {d.files.length > 0 ? (
        <ul className="file-list">
          {d.files.map((f) => (
            <li key={f.id}>
              {f.mimeType.startsWith("image/") ? (
                <img
                  className="file-preview"
                  src={`/demandes/nouvelle/fichiers/${f.id}?brouillon=${draftId}`}
                  alt={`Aperçu de ${f.originalName}`}
                  width={64}
                  height={64}
                />
              ) : (
                <span className="file-preview file-preview--pdf" aria-hidden="true">
                  PDF
                </span>
              )}
              <span className="file-name">
                {f.originalName} <span className="muted">{`(${Math.max(1, Math.round(f.sizeBytes / 1024))} Ko)`}</span>
              </span>
              <Form method="post">
                <input type="hidden" name="brouillon" value={draftId} />
                <input type="hidden" name="fileId" value={f.id} />
                <button
                  type="submit"
                  name="intent"
                  value="remove-file"
                  className="button button--quiet"
                  aria-label={`Retirer ${f.originalName}`}
                >
                  Retirer
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Aucun fichier pour l'instant.</p>
      )}
      <UploadForm action={`/demandes/nouvelle?brouillon=${draftId}&etape=2`} next={stepUrl(draftId, 3)}>
        {d.files.length > 0 ? <input type="hidden" name="avecFichiers" value="1" /> : null}
        <div className="field">
          <label htmlFor="fichiers">Ajouter des fichiers</label>
          <FilesInput hintId="pieces-aide" />
        </div>
        <div className="field">
          <label htmlFor="photo">Ou prendre la facture en photo</label>
          <input
            id="photo"
            name="fichiers"
            type="file"
            accept="image/jpeg,image/png"
            capture="environment"
            aria-describedby="pieces-aide"
          />
        </div>
        <p className="wizard-nav">
          <button type="submit" className="button button--quiet">
            Importer les fichiers
          </button>
          {/* A submit button of the upload form: files chosen but not imported yet go with it. */}
          {d.files.length > 0 ? (
            <button type="submit" name="suite" value="1" className="button button--primary">
              Continuer
            </button>
          ) : null}
        </p>
      </UploadForm>
      <p>
        <a href={stepUrl(draftId, 1)}>← Étape précédente</a>
      </p>
    </section>
  );
}
