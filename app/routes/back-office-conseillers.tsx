import { data, Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { changeAdvisorRole, createAdvisor, listAdvisors, newAdvisorSchema } from "../modules/back-office/advisors.server.ts";
import { advisorRoleLabels, advisorRoles, type AdvisorRole } from "../modules/back-office/permissions.ts";
import { AppError } from "../modules/shared/app-error.ts";
import type { Route } from "./+types/back-office-conseillers";

export const meta: Route.MetaFunction = () => [{ title: "Conseillers – Administration" }];

export async function loader(args: Route.LoaderArgs) {
  const admin = await requirePermission(args, "admin.manage");
  const advisors = await listAdvisors(args.context.get(servicesContext).db);
  return { advisors, me: admin.userId, notice: new URL(args.request.url).searchParams.get("fait") };
}

type Fields = Record<string, string | undefined>;

export async function action(args: Route.ActionArgs) {
  const admin = await requirePermission(args, "admin.manage");
  const services = args.context.get(servicesContext);
  const ip = args.context.get(requestContext).ip;
  const form = Object.fromEntries([...(await args.request.formData())].map(([k, v]) => [k, String(v).slice(0, 200)])) as Record<string, string>;
  try {
    if (form.intent === "role") {
      const role = form.role as AdvisorRole;
      if (!(advisorRoles as readonly string[]).includes(role)) return data({ errors: {} as Fields, values: form, message: "Choisissez un rôle." }, { status: 400 });
      await changeAdvisorRole(services.db, admin, form.advisorId ?? "", role, ip);
      return redirect("/back-office/administration/conseillers?fait=role");
    }
    const parsed = newAdvisorSchema.safeParse(form);
    if (!parsed.success) {
      const errors = Object.fromEntries(Object.entries(parsed.error.flatten().fieldErrors).map(([k, v]) => [k, v?.[0]])) as Fields;
      return data({ errors, values: form, message: null as string | null }, { status: 400 });
    }
    await createAdvisor(services, admin, parsed.data, ip);
    return redirect("/back-office/administration/conseillers?fait=cree");
  } catch (error) {
    if (error instanceof AppError) return data({ errors: {} as Fields, values: form, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function Advisors({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Fields = actionData?.errors ?? {};
  const value = (name: string) => actionData?.values?.[name] ?? "";
  return (
    <div className="admin">
      <p><a href="/back-office">← Espace conseiller</a></p>
      <h1>Conseillers</h1>
      {d.notice === "cree" ? <div className="alert alert--info" role="status">Compte créé : un e-mail permet au conseiller de choisir son mot de passe ; il activera la double authentification à sa première connexion.</div> : null}
      {d.notice === "role" ? <div className="alert alert--info" role="status">Rôle modifié.</div> : null}
      {actionData?.message ? <div className="alert alert--error" role="alert">{actionData.message}</div> : null}
      <div className="table-scroll card">
        <table>
          <caption>Comptes des conseillers</caption>
          <thead>
            <tr><th scope="col">Nom</th><th scope="col">Identifiant</th><th scope="col">E-mail</th><th scope="col">Double authentification</th><th scope="col">Rôle</th></tr>
          </thead>
          <tbody>
            {d.advisors.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td>{a.username}</td>
                <td>{a.email}</td>
                <td>{a.twoFactorEnabled ? "activée" : "à activer à la première connexion"}</td>
                <td>
                  {a.id === d.me ? (
                    advisorRoleLabels[(a.role ?? "conseiller") as AdvisorRole]
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="advisorId" value={a.id} />
                      <label htmlFor={`role-${a.id}`} className="visually-hidden">Rôle de {a.name}</label>
                      <select id={`role-${a.id}`} name="role" defaultValue={a.role ?? "conseiller"}>
                        {advisorRoles.map((r) => <option key={r} value={r}>{advisorRoleLabels[r]}</option>)}
                      </select>{" "}
                      <button type="submit" className="button button--quiet">Changer<span className="visually-hidden"> le rôle de {a.name}</span></button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="nouveau">
        <h2 id="nouveau">Créer un compte conseiller</h2>
        <Form method="post" noValidate className="form-card">
          <FormField name="name" label="Prénom et nom" defaultValue={value("name")} error={errors.name} required />
          <FormField name="username" label="Identifiant de connexion" hint="Par exemple prenom.nom" defaultValue={value("username")} error={errors.username} required />
          <FormField name="email" type="email" label="Adresse e-mail professionnelle" defaultValue={value("email")} error={errors.email} required />
          <div className={errors.role ? "field field--error" : "field"}>
            <label htmlFor="role">Rôle</label>
            {errors.role ? <p className="field__error" id="role-erreur">{errors.role}</p> : null}
            <select id="role" name="role" defaultValue={value("role") || "conseiller"} aria-describedby={errors.role ? "role-erreur" : undefined}>
              {advisorRoles.map((r) => <option key={r} value={r}>{advisorRoleLabels[r]}</option>)}
            </select>
          </div>
          <button type="submit" className="button button--primary">Créer le compte</button>
        </Form>
      </section>
    </div>
  );
}
