import { data, Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { listPaymentFacets } from "../modules/reimbursements/queries.server.ts";
import { statementSchema } from "../modules/reimbursements/statement-form.ts";
import type { Route } from "./+types/remboursements-releve";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Relevé de prestations – Mes remboursements" }];

// A GET form: valid choices go on to the PDF, invalid ones come back here with the reason by each field.
export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "read");
  const { db, clock } = args.context.get(servicesContext);
  const params = new URL(args.request.url).searchParams;
  const { people } = await listPaymentFacets(db, viewer);
  const year = Number(clock.today().slice(0, 4));
  const values = {
    beneficiaire: params.get("beneficiaire") ?? "",
    du: params.get("du") ?? `${year}-01-01`,
    au: params.get("au") ?? clock.today(),
  };
  if (!params.has("du") && !params.has("au"))
    return { people, values, errors: {} as Record<string, string | undefined> };
  const parsed = statementSchema.safeParse(values);
  if (parsed.success && (!parsed.data.beneficiaire || people.some((p) => p.id === parsed.data.beneficiaire))) {
    throw redirect(`/remboursements/releve.pdf?${new URLSearchParams(values)}`);
  }
  const errors: Record<string, string | undefined> = parsed.success
    ? { beneficiaire: "Choisissez un bénéficiaire dans la liste." }
    : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  return data({ people, values, errors }, { status: 400 });
}

export default function StatementPage({ loaderData: { people, values, errors } }: Route.ComponentProps) {
  return (
    <div className="statement">
      <p>
        <a href="/remboursements">← Mes remboursements</a>
      </p>
      <h1>Relevé de prestations</h1>
      <p>
        Le relevé liste, pour la période choisie, chaque paiement avec la part de la Sécurité sociale, celle de votre
        mutuelle et votre reste à charge.
      </p>
      <ErrorSummary title="Le relevé n'a pas pu être préparé, corrigez :" errors={errors} />
      <Form method="get" className="card form-card" reloadDocument>
        <div className={errors.beneficiaire ? "field field--error" : "field"}>
          <label htmlFor="beneficiaire">Bénéficiaire</label>
          {errors.beneficiaire ? (
            <p className="field__error" id="beneficiaire-erreur">
              {errors.beneficiaire}
            </p>
          ) : null}
          <select
            id="beneficiaire"
            name="beneficiaire"
            defaultValue={values.beneficiaire}
            aria-describedby={errors.beneficiaire ? "beneficiaire-erreur" : undefined}
          >
            <option value="">Tous les bénéficiaires</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.firstName} {p.lastName}
              </option>
            ))}
          </select>
        </div>
        <FormField
          name="du"
          type="date"
          label="Paiements à partir du"
          defaultValue={values.du}
          error={errors.du}
          required
        />
        <FormField name="au" type="date" label="Jusqu'au" defaultValue={values.au} error={errors.au} required />
        <button type="submit" className="button button--primary">
          Télécharger le relevé (PDF)
        </button>
      </Form>
    </div>
  );
}
