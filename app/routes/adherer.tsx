import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { data, Form, redirect } from "react-router";
import { ErrorSummary } from "../components/error-summary.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requestFileStore, keepOrDiscard } from "../modules/claims/attachments.server.ts";
import { receiveUploads } from "../modules/claims/read-uploads.server.ts";
import { formValues } from "../modules/forms/form-data.ts";
import {
  beneficiaryClash,
  beneficiarySchema,
  checkBankForm,
  consentTexts,
  missingConsents,
} from "../modules/offer/adhesion-rules.ts";
import { addressSchema, fieldErrors, identitySchema } from "../modules/offer/journey-form.ts";
import { type JourneyStep, journeyStepLabels, journeySteps, resumeLinkDays } from "../modules/offer/journey-steps.ts";
import {
  affiliationKeyPrefix,
  findJourney,
  goToStep,
  returnToSummaryIfComplete,
  journeyDebits,
  journeyPrice,
  insuredOf,
  missingForSignature,
  previousStep,
  saveAddress,
  saveConsents,
  saveIdentity,
  saveLevel,
} from "../modules/offer/journey.server.ts";
import {
  attestationDone,
  mandateSeen,
  recordAttestation,
  removeAttestation,
  saveBank,
} from "../modules/offer/journey-files-bank.server.ts";
import { sendSignCode, signJourney } from "../modules/offer/journey-signature.server.ts";
import { documentSent } from "../modules/offer/adhesion-documents.server.ts";
import {
  addBeneficiary,
  beneficiariesDone,
  journeyNirs,
  removeBeneficiary,
} from "../modules/offer/journey-people.server.ts";
import {
  clearJourneyCookieHeader,
  journeyCookieHeader,
  readJourneyCookie,
  sendResumeLink,
} from "../modules/offer/journey-resume.server.ts";
import { quoteLevels } from "../modules/offer/quote.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { AppServices } from "../services.server.ts";
import type { Route } from "./+types/adherer";
import { BeneficiariesStep, LevelStep, AttestationStep, BankStep } from "../components/adhesion-steps.tsx";
import { ConsentStep, MandateStep, SignatureStep } from "../components/adhesion-signature-steps.tsx";
import { AddressStep, IdentityStep, SignedStep } from "../components/adhesion-first-steps.tsx";

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
          previousContract: journey.previousContract,
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
          documentRequest: journey.documentRequest,
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
    documentSent: url.searchParams.has("piece"),
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
    if (!journey || (journey.status !== "in_progress" && journey.status !== "document_requested")) return back();
    const store = { ...requestFileStore(services), keyPrefix: affiliationKeyPrefix };
    const fields: Values = {};
    try {
      await prospectWrite();
      const { stored } = await receiveUploads(args.request, store, fields);
      if (stored.length > 0) await keepOrDiscard(store, stored, () => recordAttestation(services, journey.id, stored));
      else if (fields.intent === "joindre")
        throw new AppError("no_file", "Choisissez le fichier de votre attestation de droits (PDF, JPEG ou PNG).", 400);
      if (fields.intent === "attestation") {
        const after = await findJourney(services, token);
        await attestationDone(services, after!);
      }
      // The document a gestionnaire asked for, once signed: the adhesion goes back to the queue.
      if (fields.intent === "piece") {
        await documentSent(services.db, journey.id, args.context.get(requestContext).ip);
        return redirect("/offre/adherer?piece");
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
  // A step completed: back to the summary when « Modifier » sent the person here and nothing is missing.
  const stepSaved = async () => {
    await returnToSummaryIfComplete(services, journey!.id);
    return back();
  };
  try {
    switch (values.intent ?? "") {
      case "identite": {
        const parsed = identitySchema(today).safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        // A new journey is a write that keeps something; correcting this browser's own is not.
        if (!journey || journey.status !== "in_progress") await prospectWrite();
        const saved = await saveIdentity(services, token, parsed.data);
        await returnToSummaryIfComplete(services, saved.journeyId);
        return redirect("/offre/adherer", {
          headers: { "Set-Cookie": await journeyCookieHeader(saved.browserToken, services.env.COOKIE_SECURE) },
        });
      }
      case "adresse": {
        const parsed = addressSchema(today).safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await saveAddress(services, journey!.id, parsed.data);
        return await stepSaved();
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
        return await stepSaved();
      case "niveau": {
        if (!services.tariffs.some((t) => t.level === values.level))
          return fail({ level: "Choisissez un niveau de garanties." });
        await saveLevel(services, journey!.id, values.level!);
        return await stepSaved();
      }
      case "retirer_fichier":
        await removeAttestation(services, journey!.id, values.fileId ?? "");
        return back();
      case "attestation":
        await attestationDone(services, journey!);
        return await stepSaved();
      case "banque": {
        const checked = checkBankForm(values);
        if (!checked.ok) return fail(checked.errors);
        await saveBank(services, journey!.id, checked.bank, Number(today.slice(0, 4)));
        return await stepSaved();
      }
      case "mandat":
        await mandateSeen(services, journey!.id);
        return await stepSaved();
      case "consentements": {
        const missing = missingConsents(values);
        if (Object.keys(missing).length > 0) return fail(missing);
        await saveConsents(services, journey!.id);
        return await stepSaved();
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
        // Signed: the browser keeps the journey a short while only (signedJourneyMinutes).
        return redirect("/offre/adherer", {
          headers: { "Set-Cookie": await journeyCookieHeader(token!, services.env.COOKIE_SECURE, true) },
        });
      }
      case "retour":
        await goToStep(services, journey!, previousStep(journey!.step));
        return back();
      case "modifier":
        if ((journeySteps as readonly string[]).includes(values.step ?? ""))
          await goToStep(services, journey!, values.step as JourneyStep, true);
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

export default function Join({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const typed = (name: string, saved = "") => actionData?.values?.[name] ?? saved;
  const index = journeySteps.indexOf(d.step);
  const j = d.journey;
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
      {d.documentSent ? (
        <div className="alert alert--info" role="status">
          Merci : la pièce est envoyée, un conseiller reprend l'étude de votre adhésion. Vous recevrez sa réponse par
          e-mail.
        </div>
      ) : null}
      {d.resumed ? (
        <div className="alert alert--info" role="status">
          Votre adhésion est reprise là où vous l'aviez laissée.
        </div>
      ) : null}
      <ErrorSummary errors={errors} />

      {d.step === "identite" ? <IdentityStep j={j} errors={errors} typed={typed} /> : null}
      {d.step === "adresse" ? <AddressStep j={j} errors={errors} typed={typed} /> : null}
      {d.step === "beneficiaires" && j ? <BeneficiariesStep j={j} errors={errors} typed={typed} /> : null}
      {d.step === "niveau" && j ? <LevelStep d={d} errors={errors} /> : null}
      {d.step === "attestation" && j ? <AttestationStep j={j} errors={errors} /> : null}
      {d.step === "banque" && j ? <BankStep j={j} errors={errors} typed={typed} /> : null}
      {d.step === "mandat" && j ? <MandateStep d={d} j={j} /> : null}
      {d.step === "consentements" ? <ConsentStep d={d} errors={errors} posted={actionData?.values} /> : null}
      {d.step === "signature" && j ? <SignatureStep d={d} j={j} errors={errors} /> : null}
      {d.step === "envoyee" && j ? <SignedStep j={j} errors={errors} /> : null}

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
