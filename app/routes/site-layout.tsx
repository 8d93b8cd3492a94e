import { Outlet, useRouteLoaderData } from "react-router";
import { SiteFooter, SiteHeader } from "../components/site-header.tsx";
import type { RootData } from "../root.tsx";

// The shared page frame. Pages decide who may see them with their own guard.
export default function SiteLayout() {
  const root = useRouteLoaderData<RootData>("root");
  if (!root) return <Outlet />;
  return (
    <>
      <SiteHeader brand={root.brand} viewer={root.viewer} />
      <main id="contenu" className="page" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter publisher={root.brand.legal.publisher} />
    </>
  );
}

export function ErrorBoundary({ error }: { error: unknown }) {
  const root = useRouteLoaderData<RootData>("root");
  const status = typeof error === "object" && error !== null && "status" in error ? (error as { status: number }).status : 500;
  return (
    <>
      {root ? <SiteHeader brand={root.brand} viewer={root.viewer} /> : null}
      <main id="contenu" className="page" tabIndex={-1}>
        <h1>{status === 404 ? "Page introuvable" : "Service momentanément indisponible"}</h1>
        <p>
          {status === 404
            ? "La page demandée n'existe pas ou n'est plus disponible."
            : "Une erreur est survenue de notre côté. Vos données n'ont pas été modifiées. Réessayez dans quelques instants."}
        </p>
        <p>
          <a href="/">Retour à l'accueil</a> · <a href="/aide-contact">Aide et contact</a>
        </p>
      </main>
      {root ? <SiteFooter publisher={root.brand.legal.publisher} /> : null}
    </>
  );
}
