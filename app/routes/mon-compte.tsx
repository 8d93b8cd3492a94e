import { data, Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { changePassword, PasswordChangeError } from "../modules/accounts/change-password.server.ts";
import { passwordLengths } from "../modules/accounts/password-lengths.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { requestContext, servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { endSessions, getAccountEmail, listSessions, recentSignIns } from "../modules/accounts/sessions.server.ts";
import type { Route } from "./+types/mon-compte";

export const meta: Route.MetaFunction = () => [{ title: "Mon compte – Espace adhérent" }];

// Date and time as members read them, in metropolitan French time.
const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db } = args.context.get(servicesContext);
  const [email, sessions, signIns] = await Promise.all([getAccountEmail(db, viewer), listSessions(db, viewer), recentSignIns(db, viewer)]);
  return {
    name: `${viewer.firstName} ${viewer.lastName}`,
    memberNumber: viewer.memberNumber,
    email,
    sessions: sessions.map((s) => ({ ...s, since: when.format(s.since), lastUse: when.format(s.lastUse) })),
    signIns: signIns.map((s) => ({ at: when.format(s.at), ok: s.outcome === "success" })),
    ended: new URL(args.request.url).searchParams.get("deconnectes"),
    passwordChanged: new URL(args.request.url).searchParams.has("mot-de-passe-modifie"),
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  const { db } = args.context.get(servicesContext);
  const form = await args.request.formData();
  const ip = args.context.get(requestContext).ip;
  if (form.get("intent") === "change-password") {
    const field = (name: string) => String(form.get(name) ?? "");
    try {
      const cookies = await changePassword(args.context.get(servicesContext), viewer, {
        currentPassword: field("currentPassword"),
        newPassword: field("newPassword"),
        confirmPassword: field("confirmPassword"),
      }, { requestHeaders: args.request.headers, ip });
      const headers = new Headers();
      for (const cookie of cookies.getSetCookie()) headers.append("Set-Cookie", cookie);
      return redirect("/mon-compte?mot-de-passe-modifie", { headers });
    } catch (error) {
      if (error instanceof PasswordChangeError) return data({ passwordErrors: error.fieldErrors, passwordMessage: error.message }, { status: 400 });
      if (error instanceof AppError) return data({ passwordErrors: {} as Record<string, string>, passwordMessage: error.message }, { status: error.status });
      throw error;
    }
  }
  const sessionId = String(form.get("sessionId") ?? "");
  const ended = form.get("intent") === "end-all-others"
    ? await endSessions(db, viewer, "all-others", ip)
    : await endSessions(db, viewer, { sessionId: sessionId.slice(0, 100) }, ip);
  return redirect(`/mon-compte?deconnectes=${ended}`);
}

export default function MyAccount({ loaderData: d, actionData }: Route.ComponentProps) {
  const others = d.sessions.filter((s) => !s.current).length;
  const pwErrors: Record<string, string | undefined> = actionData?.passwordErrors ?? {};
  return (
    <div className="account">
      <h1>Mon compte</h1>
      {d.ended !== null ? (
        <div className="alert alert--info" role="status">
          {Number(d.ended) > 0 ? `${d.ended} appareil(s) déconnecté(s).` : "Aucun autre appareil n'était connecté."}
        </div>
      ) : null}
      <section className="card" aria-labelledby="coordonnees">
        <h2 id="coordonnees">Mes informations</h2>
        <dl className="detail-list">
          <div><dt>Nom</dt><dd>{d.name}</dd></div>
          <div><dt>Numéro d'adhérent</dt><dd>{d.memberNumber}</dd></div>
          <div><dt>Adresse e-mail</dt><dd>{d.email}</dd></div>
        </dl>
      </section>
      <section className="card" aria-labelledby="mot-de-passe">
        <h2 id="mot-de-passe">Mot de passe</h2>
        {d.passwordChanged ? <div className="alert alert--info" role="status">Votre mot de passe est modifié. Vos autres appareils ont été déconnectés.</div> : null}
        {actionData?.passwordMessage ? <div className="alert alert--error" role="alert">{actionData.passwordMessage}</div> : null}
        <Form method="post" noValidate className="form-card">
          <input type="hidden" name="intent" value="change-password" />
          <FormField name="currentPassword" type="password" label="Mot de passe actuel" autoComplete="current-password" error={pwErrors.currentPassword} required />
          <FormField
            name="newPassword"
            type="password"
            label="Nouveau mot de passe"
            hint={`Au moins ${passwordLengths.member} caractères. Une phrase facile à retenir convient très bien ; les mots de passe trop connus sont refusés.`}
            autoComplete="new-password"
            error={pwErrors.newPassword}
            required
          />
          <FormField name="confirmPassword" type="password" label="Nouveau mot de passe, une seconde fois" autoComplete="new-password" error={pwErrors.confirmPassword} required />
          <button type="submit" className="button button--primary">Changer mon mot de passe</button>
        </Form>
      </section>
      <section className="card" aria-labelledby="appareils">
        <h2 id="appareils">Appareils connectés</h2>
        <ul className="item-list">
          {d.sessions.map((s) => (
            <li key={s.id} className="session">
              <span>
                <strong>{s.device}</strong>{s.current ? " (cet appareil)" : ""}
                <span className="muted"> — connecté le {s.since}, dernière activité le {s.lastUse}</span>
              </span>
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" name="intent" value="end-one" className="button button--quiet">Se déconnecter de cet appareil</button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {others > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="end-all-others" className="button button--quiet">Se déconnecter de tous les autres appareils</button>
          </Form>
        ) : null}
      </section>
      <section className="card" aria-labelledby="connexions">
        <h2 id="connexions">Connexions récentes</h2>
        <p className="muted">Si une tentative ne vient pas de vous, changez votre mot de passe et contactez votre mutuelle.</p>
        <ul className="link-list">
          {d.signIns.map((s, i) => (
            <li key={i}>{s.at} — {s.ok ? "connexion réussie" : "tentative échouée (mot de passe incorrect)"}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
