import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { ErrorSummary, FieldError, fieldErrorProps } from "../components/error-summary.tsx";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireFreshStepUp, requirePermission } from "../guards.server.ts";
import { hasFreshStepUp } from "../modules/accounts/step-up.server.ts";
import {
  deactivateAdvisor,
  reactivateAdvisor,
  resetAdvisorTwoFactor,
} from "../modules/back-office/advisor-access.server.ts";
import {
  approvalBarMessage,
  approveProposal,
  listPendingProposals,
  refuseProposal,
} from "../modules/back-office/advisor-proposals.server.ts";
import {
  changeAdvisorRole,
  listAdvisors,
  newAdvisorSchema,
  proposeAdvisor,
} from "../modules/back-office/advisors.server.ts";
import { advisorRoleLabels, advisorRoles, type AdvisorRole } from "../modules/back-office/permissions.ts";
import type { Route } from "./+types/back-office-conseillers";
import { fieldErrorsOf, formValues } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Conseillers – Administration" }];

const page = "/back-office/administration/conseillers";
const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });
const roleLabel = (role: string | null) => advisorRoleLabels[(role ?? "conseiller") as AdvisorRole] ?? "Conseiller";

export async function loader(args: Route.LoaderArgs) {
  const admin = await requirePermission(args, "admin.manage");
  const { db } = args.context.get(servicesContext);
  const [advisors, proposals, stepUpFresh] = await Promise.all([
    listAdvisors(db),
    listPendingProposals(db, admin),
    hasFreshStepUp(db, admin),
  ]);
  return {
    advisors: advisors.map((a) => ({ ...a, deactivatedAt: a.deactivatedAt ? when.format(a.deactivatedAt) : null })),
    proposals: proposals.map((p) => ({
      id: p.id,
      what:
        p.kind === "create"
          ? `Créer le compte de ${p.name} (${p.username}, ${p.email}) : ${roleLabel(p.role)}`
          : p.kind === "reactivate"
            ? `Réactiver le compte de ${p.advisorName ?? "Compte inconnu"} : ${roleLabel(p.role)}`
            : `${p.advisorName ?? "Compte inconnu"} : ${roleLabel(p.previousRole)} → ${roleLabel(p.role)}`,
      by: p.proposerName ?? "—",
      at: when.format(p.proposedAt),
      own: p.bar === "own",
      bar: p.bar ? approvalBarMessage(p.bar) : null,
    })),
    me: admin.userId,
    stepUpFresh,
    notice: new URL(args.request.url).searchParams.get("fait"),
  };
}

type Fields = Record<string, string | undefined>;

export async function action(args: Route.ActionArgs) {
  const admin = await requirePermission(args, "admin.manage");
  // Every change here grants, removes or restores access to members' data: identity proved again first.
  await requireFreshStepUp(args, admin);
  const services = args.context.get(servicesContext);
  const ip = args.context.get(requestContext).ip;
  const form = formValues(await args.request.formData(), 200);
  const done = (what: string) => redirect(`${page}?fait=${what}`);
  const advisorId = form.advisorId ?? "";
  try {
    switch (form.intent) {
      case "role": {
        const role = form.role as AdvisorRole;
        if (!(advisorRoles as readonly string[]).includes(role))
          return actionFailure(400, { formError: "Choisissez un rôle.", values: form });
        return done(
          (await changeAdvisorRole(services.db, admin, advisorId, role, ip)) === "proposed" ? "role-propose" : "role",
        );
      }
      case "approve":
        return done(
          { create: "cree", role: "role", reactivate: "reactive" }[
            await approveProposal(services, admin, form.proposalId ?? "", ip)
          ],
        );
      case "refuse":
        await refuseProposal(services.db, admin, form.proposalId ?? "", ip);
        return done("refuse");
      case "deactivate":
        await deactivateAdvisor(services.db, admin, advisorId, ip);
        return done("desactive");
      case "reactivate":
        return done(
          (await reactivateAdvisor(services.db, admin, advisorId, ip)) === "proposed" ? "reactive-propose" : "reactive",
        );
      case "reset_2fa":
        await resetAdvisorTwoFactor(services, admin, advisorId, ip);
        return done("double-authentification");
    }
    const parsed = newAdvisorSchema.safeParse(form);
    if (!parsed.success) return actionFailure(400, { fieldErrors: fieldErrorsOf(parsed.error), values: form });
    await proposeAdvisor(services.db, admin, parsed.data, ip);
    return done("propose");
  } catch (error) {
    return appErrorAnswer(error, (refusal) => actionResult({ formError: refusal.message, values: form }));
  }
}

const notices: Record<string, string> = {
  propose: "Proposition enregistrée : le compte sera créé quand un autre administrateur l'aura approuvée.",
  "role-propose":
    "Proposition enregistrée : le nouveau rôle s'appliquera quand un autre administrateur l'aura approuvée.",
  cree: "Compte créé : un e-mail permet au conseiller de choisir son mot de passe ; il activera la double authentification à sa première connexion.",
  role: "Rôle modifié.",
  refuse: "Proposition refusée.",
  desactive: "Compte désactivé : ses sessions sont terminées et il ne peut plus se connecter.",
  reactive: "Compte réactivé : le conseiller peut de nouveau se connecter.",
  "reactive-propose":
    "Proposition enregistrée : ce compte d'administrateur sera réactivé quand un autre administrateur l'aura approuvée.",
  "double-authentification":
    "Double authentification réinitialisée : le conseiller en associera une nouvelle à sa prochaine connexion.",
};

export default function Advisors({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Fields = actionData?.fieldErrors ?? {};
  const value = (name: string) => actionData?.values?.[name] ?? "";
  const notice = d.notice ? notices[d.notice] : undefined;
  return (
    <div className="admin">
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>Conseillers</h1>
      {notice ? (
        <div className="alert alert--info" role="status">
          {notice}
        </div>
      ) : null}
      <ErrorSummary
        title="La demande n'a pas été enregistrée, corrigez :"
        errors={{ form: actionData?.formError ?? undefined, ...errors }}
      />
      {d.stepUpFresh ? null : (
        <p className="alert alert--info">
          Chaque action sur les comptes demande d'avoir confirmé votre identité depuis moins de 5 minutes.{" "}
          <a href={`/mon-compte/verification?retour=${encodeURIComponent(page)}`}>Confirmer mon identité</a>
        </p>
      )}

      <section className="card" aria-labelledby="propositions">
        <h2 id="propositions">Propositions en attente d'approbation</h2>
        <p>Créer un compte ou élever un rôle demande l'accord d'un second administrateur (principe des quatre yeux).</p>
        {d.proposals.length === 0 ? (
          <p>Aucune proposition en attente.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Propositions en attente</caption>
              <thead>
                <tr>
                  <th scope="col">Proposition</th>
                  <th scope="col">Proposée par</th>
                  <th scope="col">Le</th>
                  <th scope="col">Décision</th>
                </tr>
              </thead>
              <tbody>
                {d.proposals.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.what}</th>
                    <td>{p.by}</td>
                    <td>{p.at}</td>
                    <td>
                      {p.bar ? (
                        <p>{p.bar}</p>
                      ) : (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="approve" />
                          <input type="hidden" name="proposalId" value={p.id} />
                          <button type="submit" className="button button--primary">
                            Approuver<span className="visually-hidden"> : {p.what}</span>
                          </button>
                        </Form>
                      )}{" "}
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="refuse" />
                        <input type="hidden" name="proposalId" value={p.id} />
                        <button type="submit" className="button button--quiet">
                          {p.own ? "Retirer" : "Refuser"}
                          <span className="visually-hidden"> : {p.what}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="table-scroll card">
        <table>
          <caption>Comptes des conseillers</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Identifiant</th>
              <th scope="col">E-mail</th>
              <th scope="col">Double authentification</th>
              <th scope="col">État</th>
              <th scope="col">Rôle</th>
              <th scope="col">Accès</th>
            </tr>
          </thead>
          <tbody>
            {d.advisors.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td>{a.username}</td>
                <td>{a.email}</td>
                <td>{a.twoFactorEnabled ? "activée" : "à activer à la prochaine connexion"}</td>
                <td>{a.deactivatedAt ? `Désactivé le ${a.deactivatedAt}` : "Actif"}</td>
                <td>
                  {a.id === d.me || a.deactivatedAt ? (
                    roleLabel(a.role)
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="advisorId" value={a.id} />
                      <label htmlFor={`role-${a.id}`} className="visually-hidden">
                        Rôle de {a.name}
                      </label>
                      <select id={`role-${a.id}`} name="role" defaultValue={a.role ?? "conseiller"}>
                        {advisorRoles.map((r) => (
                          <option key={r} value={r}>
                            {advisorRoleLabels[r]}
                          </option>
                        ))}
                      </select>{" "}
                      <button type="submit" className="button button--quiet">
                        Changer<span className="visually-hidden"> le rôle de {a.name}</span>
                      </button>
                    </Form>
                  )}
                </td>
                <td>
                  {a.id === d.me ? (
                    "Votre compte"
                  ) : (
                    <>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value={a.deactivatedAt ? "reactivate" : "deactivate"} />
                        <input type="hidden" name="advisorId" value={a.id} />
                        <button type="submit" className="button button--quiet">
                          {a.deactivatedAt ? "Réactiver" : "Désactiver"}
                          <span className="visually-hidden"> le compte de {a.name}</span>
                        </button>
                      </Form>
                      {a.twoFactorEnabled && !a.deactivatedAt ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="reset_2fa" />
                          <input type="hidden" name="advisorId" value={a.id} />
                          <button type="submit" className="button button--quiet">
                            Réinitialiser la double authentification
                            <span className="visually-hidden"> de {a.name}</span>
                          </button>
                        </Form>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="nouveau">
        <h2 id="nouveau">Proposer un compte conseiller</h2>
        <p id="nouveau-aide">
          Le compte sera créé quand un autre administrateur aura approuvé la proposition ; le conseiller recevra alors
          un e-mail pour choisir son mot de passe.
        </p>
        <Form method="post" noValidate className="form-card" aria-describedby="nouveau-aide">
          <input type="hidden" name="intent" value="create" />
          <FormField name="name" label="Prénom et nom" defaultValue={value("name")} error={errors.name} required />
          <FormField
            name="username"
            label="Identifiant de connexion"
            hint="Par exemple prenom.nom"
            defaultValue={value("username")}
            error={errors.username}
            required
          />
          <FormField
            name="email"
            type="email"
            label="Adresse e-mail professionnelle"
            defaultValue={value("email")}
            error={errors.email}
            required
          />
          <div className={errors.role ? "field field--error" : "field"}>
            <label htmlFor="role">Rôle</label>
            <FieldError id="role" error={errors.role} />
            <select
              id="role"
              name="role"
              defaultValue={value("role") || "conseiller"}
              required
              {...fieldErrorProps("role", errors.role)}
            >
              {advisorRoles.map((r) => (
                <option key={r} value={r}>
                  {advisorRoleLabels[r]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--primary">
            Proposer la création
          </button>
        </Form>
      </section>
    </div>
  );
}
