import { Form } from "react-router";
import { formatDate } from "../modules/shared/format.ts";

/** "Démarche commerciale à finaliser": an online adhesion started with the member's address, not signed yet. */
export function UnfinishedJourney({ journey }: { journey: { startedOn: string; stepLabel: string } }) {
  return (
    <section className="card" aria-labelledby="demarche-commerciale">
      <h2 id="demarche-commerciale">Démarche commerciale à finaliser</h2>
      <p>
        Votre adhésion en ligne commencée le {formatDate(journey.startedOn)} n'est pas encore signée (étape «{" "}
        {journey.stepLabel} »).
      </p>
      <Form method="post" action="/offre/adherer/reprendre">
        <button type="submit" className="button button--primary">
          Reprendre mon adhésion
        </button>
      </Form>
    </section>
  );
}
