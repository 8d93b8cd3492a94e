/** The French words for a failed page: "not found" for 404, "unavailable" for anything else. Never details. */
export function ErrorMessage({ status }: { status: number }) {
  const notFound = status === 404;
  return (
    <>
      <h1>{notFound ? "Page introuvable" : "Service momentanément indisponible"}</h1>
      <p>
        {notFound
          ? "La page demandée n'existe pas ou n'est plus disponible."
          : "Une erreur est survenue de notre côté. Vos données n'ont pas été modifiées. Réessayez dans quelques instants."}
      </p>
      <p>
        <a href="/">Retour à l'accueil</a> · <a href="/aide-contact">Aide et contact</a>
      </p>
    </>
  );
}

export function errorStatus(error: unknown): number {
  return typeof error === "object" && error !== null && "status" in error ? Number((error as { status: unknown }).status) : 500;
}
