import { useRouteLoaderData } from "react-router";
import type { RootData } from "../root.tsx";

/**
 * The footer's legal links, on every page, signed in or not: the legal notice, the privacy notice and the
 * accessibility status (RGAA), each linked to its public page.
 */
export function AccessibilityMention() {
  const status = useRouteLoaderData<RootData>("root")?.brand.accessibilityStatus;
  if (!status) return null;
  return (
    <ul className="accessibility-mention legal-links">
      <li>
        <a href="/mentions-legales">Mentions légales</a>
      </li>
      <li>
        <a href="/confidentialite">Données personnelles</a>
      </li>
      <li>
        <a href="/accessibilite">{`Accessibilité : ${status}`}</a>
      </li>
      <li>
        <a href="/plan-du-site">Plan du site</a>
      </li>
      <li>
        <a href="/glossaire">Glossaire</a>
      </li>
    </ul>
  );
}
