import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { ErrorMessage, errorStatus } from "./components/error-message.tsx";
import { errorWording } from "./modules/shared/error-wording.ts";
import { useNonce } from "./components/nonce.tsx";
import { RouteAnnouncer } from "./components/route-announcer.tsx";
import { SessionTimeout } from "./components/session-timeout.tsx";
import { servicesContext } from "./context.ts";
import { getViewer } from "./guards.server.ts";
import { sessionPolicy } from "./modules/accounts/auth.server.ts";
import { navigationFor, relationOf } from "./modules/accounts/scopes.ts";
import { frenchErrorPages, recordRoutePattern, refuseNulCharacters } from "./modules/http/request-guards.server.ts";
import stylesheet from "./styles/app.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  // The installable app (issue 23): manifest and iOS icon, from the brand configuration.
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icones/apple-touch-icon.png" },
];

// The whole space's worker (public/sw.js): static assets and the offline page only, never a personal page.
// Registered on signed-in pages; the sign-in page removes every worker (connexion.tsx), as before.
const registerAppWorker = `if("serviceWorker" in navigator){navigator.serviceWorker.register("/sw.js",{scope:"/"})}`;

export const middleware: Route.MiddlewareFunction[] = [recordRoutePattern, frenchErrorPages, refuseNulCharacters];

export async function loader(args: Route.LoaderArgs) {
  const { brand } = args.context.get(servicesContext);
  const viewer = await getViewer(args);
  // Shown beside "Messagerie" in the navigation, on every member page: read with the session.
  const unreadMessages = viewer?.kind === "member" ? viewer.unreadMessages : 0;
  // Sent to the browser: public brand data and the first name shown in the header, nothing more.
  return {
    // How long the session lasts without use: the page warns before it ends (components/session-timeout.tsx).
    sessionIdleSeconds: viewer
      ? viewer.kind === "advisor"
        ? sessionPolicy.advisorIdleSeconds
        : sessionPolicy.idleSeconds
      : null,
    brand: {
      name: brand.name,
      shortName: brand.shortName,
      logo: brand.logo,
      colors: brand.colors,
      legal: { publisher: brand.legal.publisher },
      accessibilityStatus: brand.accessibility.status,
    },
    viewer: viewer
      ? {
          kind: viewer.kind,
          firstName: viewer.kind === "member" ? viewer.firstName : viewer.name,
          unreadMessages,
          // Beneficiaries and carers see only the sections of their scopes; a carer is told whose space it is.
          sections: viewer.kind === "member" ? navigationFor(viewer) : null,
          actingFor:
            viewer.kind === "member" && relationOf(viewer) === "carer" && viewer.householdId
              ? `${viewer.firstName} ${viewer.lastName}`
              : null,
        }
      : null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const root = useRouteLoaderData<RootData>("root");
  const colors = root?.brand.colors;
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <Meta />
        <Links />
        {colors ? <meta name="theme-color" content={colors.primary} /> : null}
        <meta name="apple-mobile-web-app-title" content={root?.brand.shortName ?? "Espace adhérent"} />
        {colors ? (
          <style
            nonce={nonce}
          >{`:root{--brand:${colors.primary};--brand-dark:${colors.primaryDark};--accent:${colors.accent};--surface:${colors.surface}}`}</style>
        ) : null}
      </head>
      <body>
        {children}
        <RouteAnnouncer />
        {root?.sessionIdleSeconds ? <SessionTimeout idleSeconds={root.sessionIdleSeconds} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {root?.viewer?.kind === "member" ? (
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: registerAppWorker }} />
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

// A failure above every layout: the error's name as the page title (the server adds "Erreur – ").
export function meta({ error }: { error?: unknown }) {
  return error
    ? [
        {
          title: `${errorWording(isRouteErrorResponse(error) ? error.status : errorStatus(error)).title} – Espace adhérent`,
        },
      ]
    : [];
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return (
    <main id="contenu" className="page error-page">
      <ErrorMessage status={isRouteErrorResponse(error) ? error.status : errorStatus(error)} />
    </main>
  );
}
