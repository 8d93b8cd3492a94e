import { data, Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import {
  addressSchema,
  fieldErrors,
  identitySchema,
  type JourneyStep,
  journeyStepLabels,
  journeySteps,
  resumeLinkDays,
} from "../modules/offer/journey-form.ts";
import {
  findJourney,
  goToStep,
  journeyCookieHeader,
  readJourneyCookie,
  saveAddress,
  saveIdentity,
  sendResumeLink,
} from "../modules/offer/journey.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/adherer";
import { formValues } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => {
  const step = loaderData?.step ?? "identite";
  return [
    {
      title: `Étape ${journeySteps.indexOf(step) + 1} sur ${journeySteps.length} : ${journeyStepLabels[step]} – Adhérer en ligne – Espace adhérent`,
    },
  ];
};

// Public: a prospect joins without an account; each step is saved on the server as it is sent.
export async function loader(args: Route.LoaderArgs) {
  const services = args.context.get(servicesContext);
  const journey = await findJourney(services, readJourneyCookie(args.request));
  const url = new URL(args.request.url);
  return {
    step: (journey?.step ?? "identite") as JourneyStep,
    journey: journey ? { email: journey.email, identity: journey.identity, address: journey.address } : null,
    linkSent: url.searchParams.has("lien"),
    resumed: url.searchParams.has("repris"),
  };
}

type Values = Record<string, string>;

export async function action(args: Route.ActionArgs) {
  const services = args.context.get(servicesContext);
  const token = readJourneyCookie(args.request);
  const values = formValues(await args.request.formData(), 200) as Values;
  const today = services.clock.today();
  const journey = await findJourney(services, token);
  const fail = (errors: Record<string, string>, status = 400) => data({ errors, values }, { status });
  switch (values.intent) {
    case "identite": {
      const parsed = identitySchema(today).safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const saved = await saveIdentity(services, token, parsed.data);
      return redirect("/offre/adherer", {
        headers: { "Set-Cookie": journeyCookieHeader(saved.browserToken, services.env.COOKIE_SECURE) },
      });
    }
    case "adresse": {
      if (!journey) return redirect("/offre/adherer");
      const parsed = addressSchema(today).safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      await saveAddress(services, journey.id, parsed.data);
      return redirect("/offre/adherer");
    }
    case "retour_identite":
    case "retour_adresse":
      if (journey) await goToStep(services, journey.id, values.intent === "retour_identite" ? "identite" : "adresse");
      return redirect("/offre/adherer");
    case "lien": {
      if (!journey) return redirect("/offre/adherer");
      // Anyone may start a journey without an account: besides the journey's once a minute, resume mails are
      // limited per address and per network address, like password-reset requests.
      const wait = await services.signInLimiter.consumeResetRequest(
        args.context.get(requestContext).ip,
        `resume:${journey.email ?? journey.id}`,
      );
      if (wait) {
        const minutes = Math.max(1, Math.ceil(wait / 60));
        return fail(
          {
            form: `Trop de liens demandés pour cette adresse. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
          },
          429,
        );
      }
      try {
        await sendResumeLink(services, journey);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return fail({ form: error.message }, error.status);
      }
      return redirect("/offre/adherer?lien");
    }
    default:
      return fail({ form: "Action inconnue." });
  }
}

export default function Join({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const typed = (name: string, saved = "") => actionData?.values?.[name] ?? saved;
  const index = journeySteps.indexOf(d.step);
  const id = d.journey?.identity;
  const address = d.journey?.address;
  return (
    <div className="account narrow">
      <p>
        <a href="/offre">← Obtenir un tarif</a>
      </p>
      <h1>Adhérer en ligne</h1>
      <p className="lead">
        Étape {index + 1} sur {journeySteps.length} : {journeyStepLabels[d.step]}
      </p>
      {d.linkSent ? (
        <div className="alert alert--info" role="status">
          Un lien pour reprendre votre adhésion vient de vous être envoyé par e-mail. Il est valable {resumeLinkDays}{" "}
          jours et ne sert qu'une fois.
        </div>
      ) : null}
      {d.resumed ? (
        <div className="alert alert--info" role="status">
          Votre adhésion est reprise là où vous l'aviez laissée.
        </div>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <div className="alert alert--error" role="alert">
          {errors.form ?? "Certains champs sont à corriger."}
        </div>
      ) : null}

      {d.step === "identite" ? (
        <Form method="post" noValidate className="form-card">
          <p>Chaque étape est enregistrée dès que vous la validez : vous pourrez reprendre plus tard.</p>
          <FormField
            name="email"
            type="email"
            label="Adresse e-mail"
            autoComplete="email"
            defaultValue={typed("email", d.journey?.email ?? "")}
            error={errors.email}
            required
          />
          <FormField
            name="firstName"
            label="Prénom"
            autoComplete="given-name"
            defaultValue={typed("firstName", id?.firstName)}
            error={errors.firstName}
            required
          />
          <FormField
            name="lastName"
            label="Nom"
            autoComplete="family-name"
            defaultValue={typed("lastName", id?.lastName)}
            error={errors.lastName}
            required
          />
          <FormField
            name="birthDate"
            label="Date de naissance"
            hint="Au format JJ/MM/AAAA, par exemple 25/08/1984."
            inputMode="numeric"
            autoComplete="bday"
            defaultValue={typed("birthDate", id ? formatDate(id.birthDate) : "")}
            error={errors.birthDate}
            required
          />
          <FormField
            name="nir"
            label="Numéro de sécurité sociale"
            hint={
              id
                ? `Enregistré : ${id.nirMasked}. Saisissez-le à nouveau pour le confirmer ou le corriger.`
                : "Les 15 caractères de votre carte Vitale, clé comprise, par exemple 1 84 09 69 123 456 78."
            }
            autoComplete="off"
            defaultValue={typed("nir")}
            error={errors.nir}
            required
          />
          <button type="submit" name="intent" value="identite" className="button button--primary">
            Enregistrer et continuer
          </button>
        </Form>
      ) : null}

      {d.step === "adresse" ? (
        <Form method="post" noValidate className="form-card">
          <FormField
            name="addressLine1"
            label="Adresse"
            autoComplete="street-address"
            defaultValue={typed("addressLine1", address?.addressLine1)}
            error={errors.addressLine1}
            required
          />
          <FormField
            name="postalCode"
            label="Code postal"
            inputMode="numeric"
            autoComplete="postal-code"
            defaultValue={typed("postalCode", address?.postalCode)}
            error={errors.postalCode}
            required
          />
          <FormField
            name="city"
            label="Commune"
            autoComplete="address-level2"
            defaultValue={typed("city", address?.city)}
            error={errors.city}
            required
          />
          <FormField
            name="startDate"
            label="Date de début du contrat"
            hint="Le 1er d'un mois, aujourd'hui ou plus tard, dans les 12 prochains mois. Par exemple 01/02/2027."
            inputMode="numeric"
            defaultValue={typed("startDate", address ? formatDate(address.startDate) : "")}
            error={errors.startDate}
            required
          />
          <div className="button-row">
            <button type="submit" name="intent" value="adresse" className="button button--primary">
              Enregistrer et continuer
            </button>
            <button type="submit" name="intent" value="retour_identite" className="button">
              Revenir à l'étape précédente
            </button>
          </div>
        </Form>
      ) : null}

      {d.step === "suite" && id && address ? (
        <section className="card" aria-labelledby="recapitulatif">
          <h2 id="recapitulatif">Ce que vous avez enregistré</h2>
          <dl className="detail-list">
            <div>
              <dt>Adhérent</dt>
              <dd>
                {id.firstName} {id.lastName}, né(e) le {formatDate(id.birthDate)}
              </dd>
            </div>
            <div>
              <dt>Numéro de sécurité sociale</dt>
              <dd>{id.nirMasked}</dd>
            </div>
            <div>
              <dt>Adresse</dt>
              <dd>
                {address.addressLine1}, {address.postalCode} {address.city}
              </dd>
            </div>
            <div>
              <dt>Début du contrat</dt>
              <dd>{formatDate(address.startDate)}</dd>
            </div>
          </dl>
          <p>
            Les étapes suivantes (bénéficiaires, attestation de droits, coordonnées bancaires et mandat de prélèvement
            SEPA, signature) ne sont pas encore proposées en ligne : votre mutuelle vous contactera pour les terminer.
          </p>
          <Form method="post">
            <button type="submit" name="intent" value="retour_adresse" className="button">
              Modifier l'adresse ou la date de début
            </button>
          </Form>
        </section>
      ) : null}

      {d.journey ? (
        <section aria-labelledby="reprendre" className="card">
          <h2 id="reprendre">Reprendre plus tard</h2>
          <p>
            Recevez par e-mail un lien pour revenir à votre adhésion depuis n'importe quel appareil (valable{" "}
            {resumeLinkDays} jours, une seule fois ; un nouveau lien remplace le précédent).
          </p>
          <Form method="post">
            <button type="submit" name="intent" value="lien" className="button">
              M'envoyer un lien pour reprendre
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
