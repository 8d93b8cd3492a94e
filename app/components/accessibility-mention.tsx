import { useRouteLoaderData } from "react-router";
import type { RootData } from "../root.tsx";

/** The footer's legal mention of the accessibility status (RGAA), on every page, linked to the statement. */
export function AccessibilityMention() {
  const status = useRouteLoaderData<RootData>("root")?.brand.accessibilityStatus;
  if (!status) return null;
  return (
    <p className="accessibility-mention">
      <a href="/accessibilite">{`Accessibilité : ${status}`}</a> · <a href="/plan-du-site">Plan du site</a> ·{" "}
      <a href="/glossaire">Glossaire</a>
    </p>
  );
}
