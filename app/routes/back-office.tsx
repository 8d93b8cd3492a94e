import { requireAdvisor } from "../guards.server.ts";
import type { Route } from "./+types/back-office";

export const meta: Route.MetaFunction = () => [{ title: "Espace conseiller" }];

// The advisors' entry point. Its queues arrive with the back-office issue; the guard is here from day one.
export async function loader(args: Route.LoaderArgs) {
  const advisor = await requireAdvisor(args);
  return { name: advisor.name };
}

export default function BackOffice({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <h1>Espace conseiller</h1>
      <p>Bonjour {loaderData.name}. Les files de traitement (demandes, devis, messages) arrivent prochainement.</p>
    </>
  );
}
