// The member opens a beneficiary's own space (16+): an invitation by e-mail, or the confirmation of what the
// beneficiary asked from the sign-in page. Shows whether they asked for their care to stay private.
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { confirmOwnAccessRequest, inviteBeneficiary, listOwnAccess } from "../modules/households/own-access.server.ts";
import { inviteSchema } from "../modules/households/own-access-form.ts";
import { parseForm, textField } from "../modules/forms/form-data.ts";
import type { Route } from "./+types/beneficiaire-acces";

export const meta: Route.MetaFunction = () => [{ title: "Espace personnel d'un bénéficiaire – Espace adhérent" }];

async function load(args: Route.LoaderArgs | Route.ActionArgs) {
  const viewer = await requireMember(args);
  const services = args.context.get(servicesContext);
  const people = await listOwnAccess(services.db, viewer, services.clock.today());
  const who = people.find((p) => p.id === args.params.personId);
  if (!who) notFound();
  return { viewer, services, who };
}

export async function loader(args: Route.LoaderArgs) {
  const { who } = await load(args);
  return { who, sent: new URL(args.request.url).searchParams.has("invitation-envoyee") };
}

export async function action(args: Route.ActionArgs) {
  const { viewer, services, who } = await load(args);
  const form = await args.request.formData();
  const email = textField(form, "email", 300);
  try {
    if (textField(form, "intent") === "confirm" && who.pending?.status === "requested") {
      await confirmOwnAccessRequest(services, viewer, who.pending.id);
    } else {
      const parsed = parseForm(inviteSchema, { email });
      if (!parsed.ok) return actionFailure(400, { fieldErrors: parsed.fieldErrors, values: { email } });
      // An invitation e-mails any address: counted with the household's other requests.
      await services.householdLimiter.consume("request", viewer);
      await inviteBeneficiary(services, viewer, who.id, parsed.data.email);
    }
  } catch (error) {
    return appErrorAnswer(error, (refusal) =>
      actionResult({ fieldErrors: { email: refusal.message }, values: { email } }),
    );
  }
  return redirect(`/ma-mutuelle/beneficiaires/${who.id}/acces?invitation-envoyee`);
}

export default function BeneficiaryAccess({ loaderData: { who, sent }, actionData }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  return (
    <div className="account narrow">
      <p>
        <a href="/ma-mutuelle/beneficiaires">← Mes bénéficiaires</a>
      </p>
      <h1>
        Espace personnel de {who.firstName} {who.lastName}
      </h1>
      {sent ? (
        <div className="alert alert--success" role="status">
          L'invitation est envoyée : {who.firstName} a reçu un lien et un code, valables 7 jours.
        </div>
      ) : null}
      {who.careConfidential ? (
        <p className="alert alert--info">
          {who.firstName} a demandé la confidentialité de ses soins : vous ne voyez pour {who.firstName} que les
          montants versés.
        </p>
      ) : null}
      {who.hasLogin ? (
        <p>{who.firstName} a son propre espace. Ses soins et ses démarches y sont les siens.</p>
      ) : !who.eligible ? (
        <p>Un espace personnel s'ouvre à partir de 16 ans, pour une personne couverte par le contrat.</p>
      ) : (
        <>
          <p>
            {who.firstName} pourra se connecter avec sa propre adresse e-mail et y verra ses remboursements, ses
            démarches, sa carte et ses documents, pas ceux des autres personnes du contrat, ni votre compte de
            prélèvement ou votre cotisation.
          </p>
          {who.pending?.status === "requested" ? (
            <Form method="post" className="form-card">
              <p>
                Une demande d'accès pour {who.firstName} a été faite depuis la page de connexion, avec l'adresse{" "}
                <strong>{who.pending.email}</strong>. Confirmez seulement si c'est bien l'adresse de {who.firstName} :
                le lien et le code y seront envoyés. Sinon, saisissez sa bonne adresse ci-dessous.
              </p>
              <input type="hidden" name="intent" value="confirm" />
              <button type="submit" className="button button--primary">
                Confirmer et envoyer l'invitation à {who.pending.email}
              </button>
            </Form>
          ) : null}
          <Form method="post" noValidate className="form-card">
            <input type="hidden" name="intent" value="invite" />
            <FormField
              name="email"
              type="email"
              label={`Adresse e-mail de ${who.firstName}`}
              hint="Un lien et un code y seront envoyés ; il confirmera son identité avec sa date de naissance."
              autoComplete="off"
              defaultValue={actionData?.values.email}
              error={errors.email}
              required
            />
            <button type="submit" className="button button--primary">
              {who.pending?.status === "sent" ? "Renvoyer l'invitation" : "Envoyer l'invitation"}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
