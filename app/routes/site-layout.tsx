import { Outlet, useRouteLoaderData } from "react-router";
import { ErrorMessage, errorStatus } from "../components/error-message.tsx";
import { SiteFooter, SiteHeader } from "../components/site-header.tsx";
import { errorWording } from "../modules/shared/error-wording.ts";
import type { RootData } from "../root.tsx";

// Used only when a page inside failed (its own meta then does not run): the error's name as the title.
// The server puts "Erreur – " before it (entry.server.tsx).
export function meta({ error }: { error?: unknown }) {
  return error ? [{ title: `${errorWording(errorStatus(error)).title} – Espace adhérent` }] : [];
}

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
      <SiteFooter
        publisher={root.brand.legal.publisher}
        member={root.viewer?.kind === "member" && !root.viewer.sections}
      />
    </>
  );
}

export function ErrorBoundary({ error }: { error: unknown }) {
  const root = useRouteLoaderData<RootData>("root");
  return (
    <>
      {root ? <SiteHeader brand={root.brand} viewer={root.viewer} /> : null}
      <main id="contenu" className="page" tabIndex={-1}>
        <ErrorMessage status={errorStatus(error)} />
      </main>
      {root ? (
        <SiteFooter
          publisher={root.brand.legal.publisher}
          member={root.viewer?.kind === "member" && !root.viewer.sections}
        />
      ) : null}
    </>
  );
}
