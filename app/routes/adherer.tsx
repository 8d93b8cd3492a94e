import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { data, Form, redirect } from "react-router";
import { ErrorSummary, FieldError, fieldErrorProps } from "../components/error-summary.tsx";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requestFileStore, keepOrDiscard } from "../modules/claims/attachments.server.ts";
import { uploadLimits } from "../modules/claims/limits.ts";
import { receiveUploads } from "../modules/claims/read-uploads.server.ts";
import { formValues } from "../modules/forms/form-data.ts";
import {
  beneficiaryClash,
  beneficiaryRoleLabels,
  beneficiarySchema,
  checkBankForm,
  consentTexts,
  maxAttestationFiles,
  missingConsents,
  preNotificationDays,
  signCode,
} from "../modules/offer/adhesion-rules.ts";
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
  addBeneficiary,
  affiliationKeyPrefix,
  attestationDone,
  beneficiariesDone,
  clearJourneyCookieHeader,
  findJourney,
  goToStep,
  journeyCookieHeader,
  journeyDebits,
  journeyNirs,
  journeyPrice,
  insuredOf,
  mandateSeen,
  missingForSignature,
  previousStep,
  readJourneyCookie,
  recordAttestation,
  removeAttestation,
  removeBeneficiary,
  saveAddress,
  saveBank,
  saveConsents,
  saveIdentity,
  saveLevel,
  sendResumeLink,
  sendSignCode,
  signJourney,
} from "../modules/offer/journey.server.ts";
import { quoteLevels } from "../modules/offer/quote.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { formatDate, formatEuros } from "../modules/shared/format.ts";
import type { AppServices } from "../services.server.ts";
import type { Route } from "./+types/adherer";

export const meta: Route.MetaFunction = ({ loaderData }) => {
  const step = loaderData?.step ?? "identite";
  return [
    {
      title: `Étape ${journeySteps.indexOf(step) + 1} sur ${journeySteps.length} : ${journeyStepLabels[step]} – Adhérer en ligne – Espace adhérent`,
    },
  ];
};

function signatureDeps(services: AppServices) {
  return {
    ...services,
    creditorId: services.env.SEPA_CREDITOR_ID,
    creditorName: services.brand.legalNotice.publisher.name,
    debitDay: services.brand.amc.debitDay,
  };
}

// Public: a prospect joins without an account; each step is saved on the server as it is sent.
export async function loader(args: Route.LoaderArgs) {
  const services = args.context.get(servicesContext);
  const journey = await findJourney(services, await readJourneyCookie(args.request));
  const url = new URL(args.request.url);
  const today = services.clock.today();
  const step: JourneyStep = journey?.step ?? "identite";
  const price = journey ? journeyPrice(services.tariffs, journey) : null;
  let quotes: ReturnType<typeof quoteLevels> = [];
  if (journey && step === "niveau" && journey.address) {
    try {
      quotes = quoteLevels(services.tariffs, services.guarantees, {
        postalCode: journey.address.postalCode,
        date: journey.address.startDate,
        people: insuredOf(journey),
      });
    } catch {
      quotes = [];
    }
  }
  const tariff = services.tariffs.find((t) => t.level === journey?.level);
  return {
    step,
    journey: journey
      ? {
          status: journey.status,
          email: journey.email,
          identity: journey.identity,
          address: journey.address,
          beneficiaries: journey.beneficiaries,
          level: journey.level,
          levelLabel: tariff?.label ?? null,
          bank: journey.bank,
          mandateRef: journey.mandateRef,
          consents: journey.consents,
          files: journey.files,
          codeSent: journey.signCodeSentAt !== null,
          signedAt: journey.signedAt ? formatDate(services.clock.dateOf(journey.signedAt)) : null,
          signedSha256: journey.signedSha256,
        }
      : null,
    monthlyCents: price?.monthlyCents ?? null,
    quotes,
    debits:
      journey?.address && price ? journeyDebits(journey, price.monthlyCents, today, services.brand.amc.debitDay) : [],
    creditor: { name: services.brand.legalNotice.publisher.name, id: services.env.SEPA_CREDITOR_ID },
    missing: journey ? missingForSignature(journey, price !== null) : [],
    consentTexts,
    linkSent: url.searchParams.has("lien"),
    resumed: url.searchParams.has("repris"),
    codeJustSent: url.searchParams.has("code"),
  };
}

type Values = Record<string, string>;

export async function action(args: Route.ActionArgs) {
  const services = args.context.get(servicesContext);
  const token = await readJourneyCookie(args.request);
  const journey = await findJourney(services, token);
  const today = services.clock.today();
  const back = () => redirect("/offre/adherer");
  // Without an account anyone may start journeys and upload to them: what one network address can make the
  // mutuelle store (and scan) is limited (security review R5).
  const prospectWrite = async () => {
    const wait = await services.signInLimiter.consumeProspectWrite(args.context.get(requestContext).ip);
    if (wait === 0) return;
    const minutes = Math.max(1, Math.ceil(wait / 60));
    throw new AppError(
      "rate_limited",
      `Trop de demandes d'adhésion depuis votre connexion. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
      429,
    );
  };
  // The attestation step sends files (multipart); every other step is a small form.
  if ((args.request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    if (!journey || journey.status !== "in_progress") return back();
    const store = { ...requestFileStore(services), keyPrefix: affiliationKeyPrefix };
    const fields: Values = {};
    try {
      await prospectWrite();
      const { stored } = await receiveUploads(args.request, store, fields);
      if (stored.length > 0) await keepOrDiscard(store, stored, () => recordAttestation(services, journey.id, stored));
      else if (fields.intent !== "attestation")
        throw new AppError("no_file", "Choisissez le fichier de votre attestation de droits (PDF, JPEG ou PNG).", 400);
      if (fields.intent === "attestation") {
        const after = await findJourney(services, token);
        await attestationDone(services, after!);
      }
    } catch (error) {
      return appErrorAnswer(error, (refusal) => ({ errors: { fichiers: refusal.message }, values: fields }));
    }
    return back();
  }
  const values = formValues(await args.request.formData(), 200) as Values;
  const fail = (errors: Record<string, string>, status = 400) => data({ errors, values }, { status });
  if (values.intent === "nouvelle")
    return redirect("/offre/adherer", {
      headers: { "Set-Cookie": await clearJourneyCookieHeader(services.env.COOKIE_SECURE) },
    });
  if (values.intent !== "identite" && !journey) return back();
  try {
    switch (values.intent ?? "") {
      case "identite": {
        const parsed = identitySchema(today).safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        // A new journey is a write that keeps something; correcting this browser's own is not.
        if (!journey || journey.status !== "in_progress") await prospectWrite();
        const saved = await saveIdentity(services, token, parsed.data);
        return redirect("/offre/adherer", {
          headers: { "Set-Cookie": await journeyCookieHeader(saved.browserToken, services.env.COOKIE_SECURE) },
        });
      }
      case "adresse": {
        const parsed = addressSchema(today).safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await saveAddress(services, journey!.id, parsed.data);
        return back();
      }
      case "ajouter_beneficiaire": {
        const parsed = beneficiarySchema(today).safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        const nirs = await journeyNirs(services, journey!.id);
        const clash = beneficiaryClash(nirs.beneficiaries, parsed.data, nirs.subscriber);
        if (clash) return fail({ [clash.field]: clash.message });
        await addBeneficiary(services, journey!.id, parsed.data);
        return redirect("/offre/adherer#beneficiaires-liste");
      }
      case "retirer_beneficiaire":
        await removeBeneficiary(services, journey!.id, values.id ?? "");
        return back();
      case "beneficiaires":
        await beneficiariesDone(services, journey!.id);
        return back();
      case "niveau": {
        if (!services.tariffs.some((t) => t.level === values.level))
          return fail({ level: "Choisissez un niveau de garanties." });
        await saveLevel(services, journey!.id, values.level!);
        return back();
      }
      case "retirer_fichier":
        await removeAttestation(services, journey!.id, values.fileId ?? "");
        return back();
      case "attestation":
        await attestationDone(services, journey!);
        return back();
      case "banque": {
        const checked = checkBankForm(values);
        if (!checked.ok) return fail(checked.errors);
        await saveBank(services, journey!.id, checked.bank, Number(today.slice(0, 4)));
        return back();
      }
      case "mandat":
        await mandateSeen(services, journey!.id);
        return back();
      case "consentements": {
        const missing = missingConsents(values);
        if (Object.keys(missing).length > 0) return fail(missing);
        await saveConsents(services, journey!.id);
        return back();
      }
      case "envoyer_code":
        await sendSignCode(signatureDeps(services), journey!, () =>
          services.signInLimiter.consumeResetRequest(
            args.context.get(requestContext).ip,
            `sign:${journey!.email ?? journey!.id}`,
          ),
        );
        return redirect("/offre/adherer?code#code");
      case "signer": {
        const result = await signJourney(
          signatureDeps(services),
          journey!,
          values.code ?? "",
          args.context.get(requestContext).ip,
        );
        if (!result.ok) return fail({ code: result.message }, result.status);
        return back();
      }
      case "retour":
        await goToStep(services, journey!, previousStep(journey!.step));
        return back();
      case "modifier":
        if ((journeySteps as readonly string[]).includes(values.step ?? ""))
          await goToStep(services, journey!, values.step as JourneyStep);
        return back();
      case "lien": {
        // Anyone may start a journey without an account: besides the journey's once a minute, resume mails are
        // limited per address and per network address, like password-reset requests.
        const wait = await services.signInLimiter.consumeResetRequest(
          args.context.get(requestContext).ip,
          `resume:${journey!.email ?? journey!.id}`,
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
        await sendResumeLink(services, journey!);
        return redirect("/offre/adherer?lien");
      }
      default:
        return fail({ form: "Action inconnue." });
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return fail({ form: error.message }, error.status);
  }
}

type Data = Route.ComponentProps["loaderData"];
type Journey = NonNullable<Data["journey"]>;

function BackButton() {
  return (
    <button type="submit" name="intent" value="retour" className="button" formNoValidate>
      Revenir à l'étape précédente
    </button>
  );
}

export default function Join({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const typed = (name: string, saved = "") => actionData?.values?.[name] ?? saved;
  const index = journeySteps.indexOf(d.step);
  const j = d.journey;
  const id = j?.identity;
  const address = j?.address;
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
      <ErrorSummary errors={errors} />

      {d.step === "identite" ? (
        <Form method="post" noValidate className="form-card">
          <p>Chaque étape est enregistrée dès que vous la validez : vous pourrez reprendre plus tard.</p>
          <FormField
            name="email"
            type="email"
            label="Adresse e-mail"
            autoComplete="email"
            defaultValue={typed("email", j?.email ?? "")}
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
            <BackButton />
          </div>
        </Form>
      ) : null}

      {d.step === "beneficiaires" && j ? <BeneficiariesStep j={j} errors={errors} typed={typed} /> : null}
      {d.step === "niveau" && j ? <LevelStep d={d} errors={errors} /> : null}
      {d.step === "attestation" && j ? <AttestationStep j={j} errors={errors} /> : null}
      {d.step === "banque" && j ? <BankStep j={j} errors={errors} typed={typed} /> : null}
      {d.step === "mandat" && j ? <MandateStep d={d} j={j} /> : null}
      {d.step === "consentements" ? <ConsentStep d={d} errors={errors} /> : null}
      {d.step === "signature" && j ? <SignatureStep d={d} j={j} errors={errors} /> : null}
      {d.step === "envoyee" && j ? (
        <section className="card" aria-labelledby="signee">
          <h2 id="signee">
            {j.status === "accepted"
              ? "Votre adhésion est acceptée"
              : j.status === "refused"
                ? "Votre demande d'adhésion n'a pas été acceptée"
                : "Votre adhésion est signée"}
          </h2>
          <p>
            {j.status === "accepted"
              ? "Activez votre espace adhérent avec le lien reçu par e-mail, puis connectez-vous."
              : j.status === "refused"
                ? "Le motif vous a été envoyé par e-mail."
                : `Signée le ${j.signedAt}. Un conseiller vérifie votre dossier (attestation de droits, coordonnées bancaires) ; vous recevrez ensuite un e-mail pour activer votre espace adhérent et choisir votre mot de passe.`}
          </p>
          <p>
            Vous pouvez renoncer à votre adhésion, sans frais ni motif, pendant 14 jours calendaires à compter de sa
            signature. Un e-mail vous confirme la signature et annonce vos premiers prélèvements.
          </p>
          <p>
            <a href="/offre/adherer/mandat.pdf">Télécharger le mandat de prélèvement SEPA signé (PDF)</a>
          </p>
          <p className="field__hint break-anywhere">Empreinte du document signé (SHA-256) : {j.signedSha256}</p>
          <Form method="post">
            <button type="submit" name="intent" value="nouvelle" className="button">
              Commencer une autre adhésion
            </button>
          </Form>
        </section>
      ) : null}

      {j && j.status === "in_progress" ? (
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

type Typed = (name: string, saved?: string) => string;

function BeneficiariesStep({ j, errors, typed }: { j: Journey; errors: Record<string, string>; typed: Typed }) {
  const role = typed("role");
  return (
    <>
      <section className="card" aria-labelledby="beneficiaires-liste">
        <h2 id="beneficiaires-liste">Personnes couvertes</h2>
        <ul className="plain-list">
          <li>
            {j.identity?.firstName} {j.identity?.lastName} (vous, l'adhérent)
          </li>
          {j.beneficiaries.map((b) => (
            <li key={b.id}>
              <Form method="post" className="inline-form">
                {b.firstName} {b.lastName}, {beneficiaryRoleLabels[b.role].toLowerCase()}, né(e) le{" "}
                {formatDate(b.birthDate)}
                {b.nirMasked ? `, n° ${b.nirMasked}` : ", rattaché(e) à votre numéro"}
                {b.role === "child" ? `, rang ${b.rank}` : ""} <input type="hidden" name="id" value={b.id} />
                <button type="submit" name="intent" value="retirer_beneficiaire" className="button button--quiet">
                  Retirer<span className="visually-hidden"> {b.firstName}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <Form method="post" noValidate className="form-card" aria-labelledby="ajouter-titre">
        <h2 id="ajouter-titre">Ajouter un conjoint ou un enfant</h2>
        <fieldset className={errors.role ? "field field--error" : "field"} {...fieldErrorProps("role", errors.role)}>
          <legend>Lien avec vous</legend>
          <FieldError id="role" error={errors.role} />
          <label>
            <input type="radio" name="role" value="spouse" id="role" defaultChecked={role === "spouse"} /> Conjoint
            (marié, pacsé ou concubin)
          </label>
          <label>
            <input type="radio" name="role" value="child" defaultChecked={role === "child"} /> Enfant
          </label>
        </fieldset>
        <FormField
          name="firstName"
          label="Prénom"
          autoComplete="off"
          defaultValue={typed("firstName")}
          error={errors.firstName}
        />
        <FormField
          name="lastName"
          label="Nom"
          autoComplete="off"
          defaultValue={typed("lastName")}
          error={errors.lastName}
        />
        <FormField
          name="birthDate"
          label="Date de naissance"
          hint="Au format JJ/MM/AAAA, par exemple 14/03/2015."
          inputMode="numeric"
          autoComplete="off"
          defaultValue={typed("birthDate")}
          error={errors.birthDate}
        />
        <FormField
          name="nir"
          label="Numéro de sécurité sociale"
          hint="Obligatoire pour un conjoint. Pour un enfant rattaché à votre numéro, laissez vide."
          autoComplete="off"
          defaultValue={typed("nir")}
          error={errors.nir}
        />
        <FormField
          name="rank"
          label="Rang de naissance (enfant)"
          hint="1 en général ; 2 pour le second de jumeaux nés le même jour."
          inputMode="numeric"
          autoComplete="off"
          defaultValue={typed("rank", "1")}
          error={errors.rank}
        />
        <button type="submit" name="intent" value="ajouter_beneficiaire" className="button">
          Ajouter cette personne
        </button>
      </Form>
      <Form method="post" className="button-row">
        <button type="submit" name="intent" value="beneficiaires" className="button button--primary">
          {j.beneficiaries.length > 0 ? "Continuer" : "Continuer sans ajouter de personne"}
        </button>
        <BackButton />
      </Form>
    </>
  );
}

function LevelStep({ d, errors }: { d: Data; errors: Record<string, string> }) {
  return (
    <Form method="post" noValidate className="form-card">
      <p>
        Prix par mois pour les personnes couvertes, au{" "}
        {d.journey?.address ? formatDate(d.journey.address.startDate) : ""} (date de début du contrat).
      </p>
      <fieldset className={errors.level ? "field field--error" : "field"} {...fieldErrorProps("level", errors.level)}>
        <legend>Niveau de garanties</legend>
        <FieldError id="level" error={errors.level} />
        {d.quotes.map((q, i) => (
          <div key={q.level} className="choice">
            <label>
              <input
                type="radio"
                name="level"
                value={q.level}
                id={i === 0 ? "level" : undefined}
                defaultChecked={d.journey?.level === q.level}
              />{" "}
              <strong>{q.label}</strong> : {formatEuros(q.monthlyCents)} par mois
              {q.responsible ? " (contrat responsable)" : ""}
            </label>
            <ul className="field__hint">
              {q.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ))}
      </fieldset>
      <p>
        <a href="/offre">Comparer les garanties des niveaux</a>
      </p>
      <div className="button-row">
        <button type="submit" name="intent" value="niveau" className="button button--primary">
          Enregistrer et continuer
        </button>
        <BackButton />
      </div>
    </Form>
  );
}

function AttestationStep({ j, errors }: { j: Journey; errors: Record<string, string> }) {
  return (
    <>
      {j.files.length > 0 ? (
        <section className="card" aria-labelledby="fichiers-joints">
          <h2 id="fichiers-joints">Fichiers joints</h2>
          <ul className="plain-list">
            {j.files.map((f) => (
              <li key={f.id}>
                <Form method="post" className="inline-form">
                  {f.name} ({Math.max(1, Math.round(f.sizeBytes / 1024))} Ko){" "}
                  <input type="hidden" name="fileId" value={f.id} />
                  <button type="submit" name="intent" value="retirer_fichier" className="button button--quiet">
                    Retirer<span className="visually-hidden"> {f.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate className="form-card">
        <div className={errors.fichiers ? "field field--error" : "field"}>
          <label htmlFor="fichiers">Attestation de droits à l'assurance maladie</label>
          <p className="field__hint" id="fichiers-aide">
            Téléchargeable sur votre compte ameli ou demandée à votre caisse ; elle doit mentionner chaque personne à
            couvrir. PDF, JPEG ou PNG, {uploadLimits.maxFileBytes / 1024 / 1024} Mo au plus par fichier,{" "}
            {maxAttestationFiles} fichiers au plus.
          </p>
          <FieldError id="fichiers" error={errors.fichiers} />
          <input
            id="fichiers"
            name="fichiers"
            type="file"
            multiple
            accept="application/pdf,image/jpeg,image/png"
            {...fieldErrorProps("fichiers", errors.fichiers, "fichiers-aide")}
          />
        </div>
        <div className="button-row">
          <button type="submit" name="intent" value="attestation" className="button button--primary">
            Continuer
          </button>
          <button type="submit" name="intent" value="joindre" className="button">
            Joindre le fichier
          </button>
        </div>
      </Form>
      <Form method="post">
        <BackButton />
      </Form>
    </>
  );
}

function BankStep({ j, errors, typed }: { j: Journey; errors: Record<string, string>; typed: Typed }) {
  const other = typed("refundAccount", j.bank?.refundMasked ? "autre" : "meme") === "autre";
  return (
    <Form method="post" noValidate className="form-card">
      {j.bank ? (
        <p>
          Enregistré : {j.bank.debitMasked}
          {j.bank.refundMasked ? `, remboursements sur ${j.bank.refundMasked}` : ""}. Saisissez à nouveau l'IBAN pour le
          confirmer ou le corriger.
        </p>
      ) : null}
      <h2>Compte prélevé pour les cotisations</h2>
      <FormField
        name="holderName"
        label="Titulaire du compte"
        autoComplete="name"
        defaultValue={typed(
          "holderName",
          j.bank?.holderName ?? `${j.identity?.firstName ?? ""} ${j.identity?.lastName ?? ""}`.trim(),
        )}
        error={errors.holderName}
      />
      <FormField
        name="debitIban"
        label="IBAN"
        hint="Tel qu'il figure sur votre RIB, par exemple FR76 3000 6000 0112 3456 7890 189."
        autoComplete="off"
        defaultValue={typed("debitIban")}
        error={errors.debitIban}
      />
      <fieldset className="field">
        <legend>Compte crédité de vos remboursements</legend>
        <label>
          <input type="radio" name="refundAccount" value="meme" defaultChecked={!other} /> Le même compte
        </label>
        <label>
          <input type="radio" name="refundAccount" value="autre" defaultChecked={other} /> Un autre compte (saisi
          ci-dessous)
        </label>
      </fieldset>
      <FormField
        name="refundHolderName"
        label="Titulaire de l'autre compte (remboursements)"
        autoComplete="off"
        defaultValue={typed("refundHolderName", j.bank?.refundHolderName ?? "")}
        error={errors.refundHolderName}
      />
      <FormField
        name="refundIban"
        label="IBAN de l'autre compte (remboursements)"
        hint="Seulement si vous avez choisi « Un autre compte »."
        autoComplete="off"
        defaultValue={typed("refundIban")}
        error={errors.refundIban}
      />
      <div className="button-row">
        <button type="submit" name="intent" value="banque" className="button button--primary">
          Enregistrer et continuer
        </button>
        <BackButton />
      </div>
    </Form>
  );
}

function DebitsTable({ d }: { d: Data }) {
  return (
    <table>
      <caption>Vos premiers prélèvements</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Montant</th>
        </tr>
      </thead>
      <tbody>
        {d.debits.map((debit) => (
          <tr key={debit.date}>
            <td>{formatDate(debit.date)}</td>
            <td>
              {formatEuros(debit.amountCents)}
              {debit.months.length > 1 ? ` (${debit.months.length} mois)` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MandateStep({ d, j }: { d: Data; j: Journey }) {
  return (
    <section className="card" aria-labelledby="mandat-titre">
      <h2 id="mandat-titre">Votre mandat de prélèvement SEPA</h2>
      <dl className="detail-list">
        <div>
          <dt>Référence unique du mandat (RUM)</dt>
          <dd>{j.mandateRef}</dd>
        </div>
        <div>
          <dt>Créancier</dt>
          <dd>
            {d.creditor.name}, identifiant créancier SEPA {d.creditor.id}
          </dd>
        </div>
        <div>
          <dt>Compte prélevé</dt>
          <dd>
            {j.bank?.holderName}, {j.bank?.debitMasked}
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>Prélèvement SEPA « CORE », récurrent (une cotisation par mois)</dd>
        </div>
      </dl>
      <p>
        En signant ce mandat, vous autorisez {d.creditor.name} à envoyer des instructions à votre banque pour débiter
        votre compte, et votre banque à débiter votre compte conformément à ces instructions. Vous pouvez être remboursé
        par votre banque dans les 8 semaines suivant la date de débit.
      </p>
      <h3>Pré-notification</h3>
      <p>
        Cotisation de {d.monthlyCents !== null ? formatEuros(d.monthlyCents) : "—"} par mois. Chaque prélèvement vous
        est annoncé au moins {preNotificationDays} jours avant sa date :
      </p>
      <DebitsTable d={d} />
      <p>
        <a href="/offre/adherer/mandat.pdf">Télécharger le mandat (PDF)</a>
      </p>
      <p>Vous le signerez avec le reste de votre adhésion, à la dernière étape.</p>
      <Form method="post" className="button-row">
        <button type="submit" name="intent" value="mandat" className="button button--primary">
          J'ai lu le mandat, continuer
        </button>
        <BackButton />
      </Form>
    </section>
  );
}

function ConsentStep({ d, errors }: { d: Data; errors: Record<string, string> }) {
  return (
    <Form method="post" noValidate className="form-card">
      <p>Cochez chaque case : votre adhésion ne peut être signée qu'avec ces quatre accords.</p>
      {d.consentTexts.map((c) => {
        const key = `consent_${c.id}`;
        return (
          <div key={c.id} className={errors[key] ? "field field--error" : "field"}>
            <FieldError id={key} error={errors[key]} />
            <label className="checkbox">
              <input
                type="checkbox"
                id={key}
                name={key}
                value="oui"
                defaultChecked={d.journey?.consents !== null}
                {...fieldErrorProps(key, errors[key])}
              />{" "}
              {c.text}
            </label>
          </div>
        );
      })}
      <div className="button-row">
        <button type="submit" name="intent" value="consentements" className="button button--primary">
          Enregistrer et continuer
        </button>
        <BackButton />
      </div>
    </Form>
  );
}

function Change({ step, label }: { step: JourneyStep; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="step" value={step} />
      <button type="submit" name="intent" value="modifier" className="button button--quiet">
        Modifier<span className="visually-hidden"> {label}</span>
      </button>
    </Form>
  );
}

function SignatureStep({ d, j, errors }: { d: Data; j: Journey; errors: Record<string, string> }) {
  return (
    <>
      <section className="card" aria-labelledby="recapitulatif">
        <h2 id="recapitulatif">Vérifiez votre adhésion avant de la signer</h2>
        <dl className="detail-list">
          <div>
            <dt>Adhérent</dt>
            <dd>
              {j.identity?.firstName} {j.identity?.lastName}, né(e) le{" "}
              {j.identity ? formatDate(j.identity.birthDate) : ""}, n° {j.identity?.nirMasked}, {j.email}{" "}
              <Change step="identite" label="l'adhérent" />
            </dd>
          </div>
          <div>
            <dt>Adresse et début du contrat</dt>
            <dd>
              {j.address?.addressLine1}, {j.address?.postalCode} {j.address?.city} ; à partir du{" "}
              {j.address ? formatDate(j.address.startDate) : ""} <Change step="adresse" label="l'adresse" />
            </dd>
          </div>
          <div>
            <dt>Personnes couvertes avec vous</dt>
            <dd>
              {j.beneficiaries.length === 0
                ? "Aucune"
                : j.beneficiaries
                    .map(
                      (b) =>
                        `${b.firstName} ${b.lastName} (${beneficiaryRoleLabels[b.role].toLowerCase()}, né(e) le ${formatDate(b.birthDate)})`,
                    )
                    .join(", ")}{" "}
              <Change step="beneficiaires" label="les personnes couvertes" />
            </dd>
          </div>
          <div>
            <dt>Niveau et cotisation</dt>
            <dd>
              {j.levelLabel}, {d.monthlyCents !== null ? formatEuros(d.monthlyCents) : "—"} par mois{" "}
              <Change step="niveau" label="le niveau" />
            </dd>
          </div>
          <div>
            <dt>Attestation de droits</dt>
            <dd>
              {j.files.map((f) => f.name).join(", ")} <Change step="attestation" label="l'attestation" />
            </dd>
          </div>
          <div>
            <dt>Compte prélevé (mandat {j.mandateRef})</dt>
            <dd>
              {j.bank?.holderName}, {j.bank?.debitMasked} <Change step="banque" label="les coordonnées bancaires" />
            </dd>
          </div>
          <div>
            <dt>Remboursements</dt>
            <dd>
              {j.bank?.refundMasked ? `${j.bank.refundHolderName}, ${j.bank.refundMasked}` : "Sur le compte prélevé"}
            </dd>
          </div>
        </dl>
        <DebitsTable d={d} />
        <h3>Vos accords</h3>
        <ul>
          {(j.consents ?? []).map((c) => (
            <li key={c.id}>{c.text}</li>
          ))}
        </ul>
      </section>
      {d.missing.length > 0 ? (
        <p className="alert alert--info">Il manque encore : {d.missing.join(", ")}.</p>
      ) : (
        <section className="card" aria-labelledby="signer">
          <h2 id="signer">Signer avec un code reçu par e-mail</h2>
          <p>
            Nous envoyons un code à {signCode.digits} chiffres à {j.email}. Il est valable {signCode.lifetimeMinutes}{" "}
            minutes, ne sert qu'une fois, et {signCode.maxAttempts} essais sont permis.
          </p>
          {d.codeJustSent ? (
            <div className="alert alert--info" role="status">
              Le code vient de vous être envoyé à {j.email}.
            </div>
          ) : null}
          <Form method="post">
            <button type="submit" name="intent" value="envoyer_code" className="button">
              {j.codeSent ? "Recevoir un nouveau code" : "Recevoir mon code par e-mail"}
            </button>
          </Form>
          {j.codeSent ? (
            <Form method="post" noValidate className="form-card">
              <FormField
                name="code"
                id="code"
                label="Code reçu par e-mail"
                inputMode="numeric"
                autoComplete="one-time-code"
                error={errors.code}
              />
              <button type="submit" name="intent" value="signer" className="button button--primary">
                Signer mon adhésion
              </button>
            </Form>
          ) : null}
        </section>
      )}
      <Form method="post">
        <BackButton />
      </Form>
    </>
  );
}
