import { errorWording } from "../modules/shared/error-wording.ts";

/** The French words for a failed page: unreadable input (400), not found (404), unavailable otherwise. */
export function ErrorMessage({ status }: { status: number }) {
  const { title, text } = errorWording(status);
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">Retour à l'accueil</a> · <a href="/aide-contact">Aide et contact</a>
      </p>
    </>
  );
}

export function errorStatus(error: unknown): number {
  return typeof error === "object" && error !== null && "status" in error ? Number(error.status) : 500;
}
