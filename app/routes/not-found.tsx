import { notFound } from "../guards.server.ts";
import type { Route } from "./+types/not-found";

export function loader(_args: Route.LoaderArgs) {
  return notFound();
}

export const meta: Route.MetaFunction = () => [{ title: "Page introuvable" }];

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>La page demandée n'existe pas ou n'est plus disponible.</p>
      <p>
        <a href="/">Retour à l'accueil</a> · <a href="/aide-contact">Aide et contact</a>
      </p>
    </>
  );
}
