import { data, Form, redirect } from "react-router";
import { requestContext, servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import {
  type Channel,
  channelLabels,
  eventLabels,
  lockedEvents,
  type NotificationEvent,
  notificationEvents,
  preferencesSchema,
} from "../modules/notifications/events.ts";
import { getPreferences, savePreferences } from "../modules/notifications/preferences.server.ts";
import type { Route } from "./+types/mon-compte-preferences";
import { formValues } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Mes préférences de notification – Espace adhérent" }];

const day = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeZone: "Europe/Paris" });
// Push notifications need a registered device (Web Push): until then the page offers e-mail or nothing.
const pushAvailable = false;

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db } = args.context.get(servicesContext);
  const prefs = await getPreferences(db, viewer.userId);
  return {
    channels: prefs.channels,
    paperless: prefs.paperless,
    paperlessSince: prefs.paperlessChangedAt ? day.format(prefs.paperlessChangedAt) : null,
    pushAvailable,
    saved: new URL(args.request.url).searchParams.has("enregistre"),
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  const { db, clock } = args.context.get(servicesContext);
  const form = formValues(await args.request.formData(), 20);
  const parsed = preferencesSchema(pushAvailable).safeParse(form);
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return data({ errors, values: form }, 400);
  }
  const { paperless, ...channels } = parsed.data;
  await savePreferences(
    db,
    viewer,
    { channels: channels as Partial<Record<NotificationEvent, Channel>>, paperless: paperless === "oui" },
    clock.now(),
    args.context.get(requestContext).ip,
  );
  return redirect("/mon-compte/preferences?enregistre");
}

export default function NotificationPreferences({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const offered: Channel[] = d.pushAvailable ? ["email", "push", "none"] : ["email", "none"];
  return (
    <div className="account">
      <h1>Mes préférences de notification</h1>
      {d.saved ? (
        <div className="alert alert--info" role="status">
          Vos préférences sont enregistrées.
        </div>
      ) : null}
      {Object.values(errors).some(Boolean) ? (
        <div className="alert alert--error" role="alert">
          Vos préférences n'ont pas été enregistrées : corrigez les champs signalés.
        </div>
      ) : null}
      <p>
        Nos messages disent seulement qu'il y a du nouveau et vous renvoient à votre espace : jamais le détail d'un
        soin.
      </p>
      <Form method="post" noValidate className="card form-card">
        <h2>Comment être prévenu</h2>
        {notificationEvents.map((event) =>
          lockedEvents.has(event) ? (
            <div key={event} className="field">
              <p>
                <strong>{eventLabels[event]}</strong>
              </p>
              <p className="field__hint">
                Toujours par e-mail : c'est une alerte de sécurité, elle ne peut pas être désactivée.
              </p>
            </div>
          ) : (
            <fieldset
              key={event}
              className={errors[event] ? "field field--error" : "field"}
              aria-describedby={errors[event] ? `${event}-erreur` : undefined}
            >
              <legend>{eventLabels[event]}</legend>
              {errors[event] ? (
                <p className="field__error" id={`${event}-erreur`}>
                  <span aria-hidden="true">⚠ </span>
                  {errors[event]}
                </p>
              ) : null}
              {offered.map((channel) => (
                <label key={channel} className="choice">
                  <input
                    type="radio"
                    name={event}
                    value={channel}
                    defaultChecked={(values[event] ?? d.channels[event]) === channel}
                  />{" "}
                  {channelLabels[channel]}
                </label>
              ))}
            </fieldset>
          ),
        )}
        <h2>Zéro papier</h2>
        <fieldset
          className={errors.paperless ? "field field--error" : "field"}
          aria-describedby={errors.paperless ? "paperless-erreur" : "paperless-aide"}
        >
          <legend>Vos relevés et échéanciers</legend>
          <p className="field__hint" id="paperless-aide">
            {d.paperlessSince
              ? `Choix enregistré le ${d.paperlessSince}.`
              : "Vous n'avez pas encore fait de choix : vous les recevez par courrier et dans votre espace."}
          </p>
          {errors.paperless ? (
            <p className="field__error" id="paperless-erreur">
              <span aria-hidden="true">⚠ </span>
              {errors.paperless}
            </p>
          ) : null}
          <label className="choice">
            <input
              type="radio"
              name="paperless"
              value="oui"
              defaultChecked={(values.paperless ?? (d.paperless ? "oui" : "non")) === "oui"}
            />{" "}
            Uniquement dans mon espace (zéro papier)
          </label>
          <label className="choice">
            <input
              type="radio"
              name="paperless"
              value="non"
              defaultChecked={(values.paperless ?? (d.paperless ? "oui" : "non")) === "non"}
            />{" "}
            Aussi par courrier
          </label>
        </fieldset>
        <button type="submit" className="button button--primary">
          Enregistrer mes préférences
        </button>
      </Form>
    </div>
  );
}
