import { Form, redirect } from "react-router";
import { actionFailure } from "../modules/forms/action-result.ts";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { contactSchema } from "../modules/accounts/contact-form.ts";
import { getContactDetails, updateContactDetails } from "../modules/accounts/contact.server.ts";
import { endSessions, listSessions, recentSignIns } from "../modules/accounts/sessions.server.ts";
import { getStepUpState } from "../modules/accounts/step-up.server.ts";
import { listAdvisorAccesses } from "../modules/back-office/access-log.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/mon-compte";
import { formValues, parseForm, textField } from "../modules/forms/form-data.ts";
import { ErrorSummary } from "../components/error-summary.tsx";
import { AdvisorAccessesTable } from "../components/advisor-accesses.tsx";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "Mon compte – Espace adhérent" }];

// Date and time as members read them, in metropolitan French time.
const hour = new Intl.DateTimeFormat("fr-FR", { timeStyle: "short", timeZone: "Europe/Paris" });
const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

const notices: Record<string, string> = {
  "coordonnees-modifiees": "Vos coordonnées sont enregistrées.",
  "mot-de-passe-modifie": "Votre mot de passe est modifié. Vos autres appareils ont été déconnectés.",
  "email-demande":
    "Un lien de confirmation vient d'être envoyé à votre nouvelle adresse : ouvrez-le dans les 24 heures pour terminer le changement.",
  "double-authentification-desactivee": "La double authentification est désactivée.",
};

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db } = args.context.get(servicesContext);
  const [contact, security, sessions, signIns, accesses, help] = await Promise.all([
    getContactDetails(db, viewer),
    getStepUpState(db, viewer),
    listSessions(db, viewer),
    recentSignIns(db, viewer),
    listAdvisorAccesses(db, viewer, 20),
    helpForPage(db, "mon-compte"),
  ]);
  const params = new URL(args.request.url).searchParams;
  return {
    name: `${viewer.firstName} ${viewer.lastName}`,
    memberNumber: viewer.memberNumber,
    contact,
    twoFactorEnabled: security.twoFactorEnabled,
    sessions: sessions.map((s) => ({ ...s, since: when.format(s.since), lastUse: when.format(s.lastUse) })),
    signIns: signIns.map((s) => ({ at: when.format(s.at), ok: s.outcome === "success" })),
    accesses: accesses.map((a) => ({
      day: formatDate(a.day),
      hours: a.count === 1 ? `à ${hour.format(a.first)}` : `de ${hour.format(a.first)} à ${hour.format(a.last)}`,
      advisorName: a.advisorName,
      pages: a.pages,
      count: a.count,
    })),
    ended: params.get("deconnectes"),
    notice: Object.keys(notices).find((key) => params.has(key)) ?? null,
    help,
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  const { db } = args.context.get(servicesContext);
  const form = await args.request.formData();
  const ip = args.context.get(requestContext).ip;
  if (form.get("intent") === "contact") {
    const parsed = parseForm(contactSchema, formValues(form, 200));
    if (!parsed.ok) return actionFailure(400, { fieldErrors: parsed.fieldErrors, values: parsed.values });
    await updateContactDetails(db, viewer, parsed.data, ip);
    return redirect("/mon-compte?coordonnees-modifiees");
  }
  const sessionId = textField(form, "sessionId");
  const ended =
    form.get("intent") === "end-all-others"
      ? await endSessions(db, viewer, "all-others", ip)
      : await endSessions(db, viewer, { sessionId: sessionId.slice(0, 100) }, ip);
  return redirect(`/mon-compte?deconnectes=${ended}`);
}

export default function MyAccount({ loaderData: d, actionData }: Route.ComponentProps) {
  const others = d.sessions.filter((s) => !s.current).length;
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const value = (name: "addressLine1" | "addressLine2" | "postalCode" | "city" | "phone") =>
    actionData?.values?.[name] ?? d.contact[name] ?? "";
  return (
    <div className="account">
      <h1>Mon compte</h1>
      {d.ended !== null ? (
        <div className="alert alert--info" role="status">
          {Number(d.ended) > 0
            ? Number(d.ended) === 1
              ? "1 appareil déconnecté."
              : `${d.ended} appareils déconnectés.`
            : "Aucun autre appareil n'était connecté."}
        </div>
      ) : null}
      {d.notice ? (
        <div className="alert alert--info" role="status">
          {notices[d.notice]}
        </div>
      ) : null}
      <section className="card" aria-labelledby="coordonnees">
        <h2 id="coordonnees">Mes coordonnées</h2>
        <dl className="detail-list">
          <div>
            <dt>Nom</dt>
            <dd>{d.name}</dd>
          </div>
          <div>
            <dt>Numéro d'adhérent</dt>
            <dd>{d.memberNumber}</dd>
          </div>
          <div>
            <dt>Adresse e-mail</dt>
            <dd>
              {d.contact.email}{" "}
              <a href="/mon-compte/email">
                Modifier<span className="visually-hidden"> mon adresse e-mail</span>
              </a>
              {d.contact.pendingEmail ? (
                <p className="muted">En attente de confirmation : {d.contact.pendingEmail}</p>
              ) : null}
            </dd>
          </div>
        </dl>
        <ErrorSummary title="Vos coordonnées n'ont pas été enregistrées, corrigez :" errors={errors} />
        <Form method="post" noValidate className="form-card">
          <input type="hidden" name="intent" value="contact" />
          <FormField
            name="addressLine1"
            label="Adresse (numéro et rue)"
            autoComplete="address-line1"
            defaultValue={value("addressLine1")}
            error={errors.addressLine1}
            required
          />
          <FormField
            name="addressLine2"
            label="Complément d'adresse (facultatif)"
            hint="Bâtiment, étage, lieu-dit…"
            autoComplete="address-line2"
            defaultValue={value("addressLine2")}
            error={errors.addressLine2}
          />
          <FormField
            name="postalCode"
            label="Code postal"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={5}
            defaultValue={value("postalCode")}
            error={errors.postalCode}
            required
          />
          <FormField
            name="city"
            label="Ville"
            autoComplete="address-level2"
            defaultValue={value("city")}
            error={errors.city}
            required
          />
          <FormField
            name="phone"
            type="tel"
            label="Téléphone (facultatif)"
            hint="Par exemple 06 12 34 56 78."
            autoComplete="tel"
            defaultValue={value("phone")}
            error={errors.phone}
          />
          <button type="submit" className="button button--primary">
            Enregistrer mes coordonnées
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="connexion">
        <h2 id="connexion">Informations de connexion</h2>
        <ul className="link-list">
          <li>
            <a href="/mon-compte/mot-de-passe">Changer mon mot de passe</a>
          </li>
          <li>
            <a href="/mon-compte/double-authentification">Double authentification</a> :{" "}
            {d.twoFactorEnabled ? "activée" : "non activée (recommandée)"}
          </li>
        </ul>
        <p className="muted">Par sécurité, ces modifications vous demandent de confirmer votre identité.</p>
      </section>
      <section className="card" aria-labelledby="mes-preferences">
        <h2 id="mes-preferences">Notifications et zéro papier</h2>
        <p>
          <a href="/mon-compte/preferences">Choisir comment être prévenu</a> (e-mail ou rien, selon l'événement) et
          recevoir vos relevés uniquement dans votre espace.
        </p>
      </section>
      <section className="card" aria-labelledby="mes-donnees">
        <h2 id="mes-donnees">Mes données personnelles</h2>
        <p>
          <a href="/mon-compte/donnees-personnelles">Télécharger mes données, exercer mes droits</a> (effacement,
          limitation, opposition) et voir ce que votre mutuelle conserve.
        </p>
      </section>
      <section className="card" aria-labelledby="appareils">
        <h2 id="appareils">Appareils connectés</h2>
        <ul className="item-list">
          {d.sessions.map((s) => (
            <li key={s.id} className="session">
              <span>
                <strong>{s.device}</strong>
                {s.current ? " (cet appareil)" : ""}
                <span className="muted">
                  {" "}
                  — connecté le {s.since}, dernière activité le {s.lastUse}
                </span>
              </span>
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" name="intent" value="end-one" className="button button--quiet">
                    Se déconnecter de cet appareil
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {others > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="end-all-others" className="button button--quiet">
              Se déconnecter de tous les autres appareils
            </button>
          </Form>
        ) : null}
      </section>
      <section className="card" aria-labelledby="connexions">
        <h2 id="connexions">Connexions récentes</h2>
        <p className="muted">
          Si une tentative ne vient pas de vous, changez votre mot de passe et contactez votre mutuelle.
        </p>
        <ul className="link-list">
          {d.signIns.map((s, i) => (
            <li key={i}>
              {s.at} — {s.ok ? "connexion réussie" : "tentative échouée (mot de passe incorrect)"}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="acces-mutuelle">
        <h2 id="acces-mutuelle">Accès de votre mutuelle à votre dossier</h2>
        <AdvisorAccessesTable accesses={d.accesses} />
      </section>
      <HelpLinks articles={d.help} />
    </div>
  );
}
