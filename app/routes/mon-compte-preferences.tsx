import { actionFailure } from "../modules/forms/action-result.ts";
import { data, Form, redirect } from "react-router";
import { PushSubscribe } from "../components/push-devices.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import {
  type Channel,
  channelLabels,
  channelsFor,
  eventLabels,
  lockedEvents,
  notificationEvents,
  preferencesSchema,
} from "../modules/notifications/events.ts";
import { getPreferences, savePreferences } from "../modules/notifications/preferences.server.ts";
import { addDevice, listDevices, removeDevice, subscriptionSchema } from "../modules/notifications/devices.server.ts";
import type { Route } from "./+types/mon-compte-preferences";
import { formValues, parseForm, textField } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Mes préférences de notification – Espace adhérent" }];

const day = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeZone: "Europe/Paris" });

// Push notifications are offered once the member has a device registered (Web Push); without one, a stored
// push choice reads as e-mail (notify() falls back to e-mail too).
const withoutPush = (channel: Channel): Channel => (channel === "push" || channel === "email_push" ? "email" : channel);

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db, push } = args.context.get(servicesContext);
  const prefs = await getPreferences(db, viewer.userId);
  const devices = await listDevices(db, viewer);
  const pushAvailable = devices.length > 0;
  const params = new URL(args.request.url).searchParams;
  return {
    channels: pushAvailable
      ? prefs.channels
      : (Object.fromEntries(
          Object.entries(prefs.channels).map(([e, c]) => [e, withoutPush(c)]),
        ) as typeof prefs.channels),
    paperless: prefs.paperless,
    paperlessSince: prefs.paperlessChangedAt ? day.format(prefs.paperlessChangedAt) : null,
    pushAvailable,
    devices: devices.map((d) => ({
      id: d.id,
      label: d.label,
      since: day.format(d.createdAt),
      lastDelivered: d.lastDeliveredAt ? day.format(d.lastDeliveredAt) : null,
    })),
    vapidPublicKey: push.publicKey,
    saved: params.has("enregistre"),
    deviceAdded: params.has("appareil-ajoute"),
    deviceRemoved: params.has("appareil-retire"),
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  const { db, clock, push } = args.context.get(servicesContext);
  const { ip } = args.context.get(requestContext);
  const body = await args.request.formData();
  const intent = textField(body, "intent", 40);
  if (intent === "appareil-ajouter") {
    const parsed = parseForm(subscriptionSchema, body);
    if (!parsed.ok)
      return actionFailure(400, {
        fieldErrors: { appareil: "L'abonnement de cet appareil est illisible. Réessayez." },
      });
    const added = await addDevice(db, viewer, parsed.data, {
      userAgent: args.request.headers.get("user-agent") ?? "",
      ip,
      allowedOrigins: push.allowedOrigins,
    });
    if (!added.ok) return actionFailure(400, { fieldErrors: { appareil: added.message } });
    return redirect("/mon-compte/preferences?appareil-ajoute#appareils");
  }
  if (intent === "appareil-retirer") {
    if (!(await removeDevice(db, viewer, textField(body, "appareil", 64), ip)))
      throw data("Appareil introuvable", { status: 404 });
    return redirect("/mon-compte/preferences?appareil-retire#appareils");
  }
  const form = formValues(body, 20);
  const pushAvailable = (await listDevices(db, viewer)).length > 0;
  const parsed = parseForm(preferencesSchema(pushAvailable), form);
  if (!parsed.ok) return actionFailure(400, { fieldErrors: parsed.fieldErrors, values: form });
  const { paperless, ...channels } = parsed.data;
  await savePreferences(db, viewer, { channels, paperless: paperless === "oui" }, clock.now(), ip);
  return redirect("/mon-compte/preferences?enregistre");
}

export default function NotificationPreferences({ loaderData: d, actionData }: Route.ComponentProps) {
  // The device's subscription (sent by the page's script) is not a field the member fills: its refusal shows
  // in the devices' section, apart from the preferences' error summary.
  const { appareil: deviceError, ...errors }: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
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
      {d.deviceAdded ? (
        <div className="alert alert--info" role="status">
          Cet appareil recevra vos notifications.
        </div>
      ) : null}
      {d.deviceRemoved ? (
        <div className="alert alert--info" role="status">
          L'appareil est retiré : il ne recevra plus de notifications.
        </div>
      ) : null}
      <Form method="post" noValidate className="card form-card">
        <h2>Comment être prévenu</h2>
        {notificationEvents.map((event) =>
          lockedEvents.has(event) && !d.pushAvailable ? (
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
              {lockedEvents.has(event) ? (
                <p className="field__hint">
                  Toujours par e-mail : c'est une alerte de sécurité. Vous pouvez aussi la recevoir sur vos appareils.
                </p>
              ) : null}
              {channelsFor(event, d.pushAvailable).map((channel) => (
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
      <section className="card" aria-labelledby="appareils">
        <h2 id="appareils">Mes appareils</h2>
        <p>
          Les notifications arrivent sur le téléphone ou l'ordinateur où vous les avez acceptées. Pour en ajouter un,
          ouvrez cette page sur cet appareil, dans un navigateur qui les accepte, avec JavaScript activé. Sans appareil
          enregistré, nous vous prévenons par e-mail.
        </p>
        {deviceError ? (
          <p className="field__error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {deviceError}
          </p>
        ) : null}
        {d.devices.length === 0 ? (
          <p>Aucun appareil ne reçoit vos notifications.</p>
        ) : (
          <ul className="device-list">
            {d.devices.map((device) => (
              <li key={device.id}>
                <strong>{device.label}</strong>, ajouté le {device.since}
                {device.lastDelivered ? `, dernière notification le ${device.lastDelivered}` : ""}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="appareil-retirer" />
                  <input type="hidden" name="appareil" value={device.id} />
                  <button type="submit" className="button button--secondary">
                    Retirer<span className="visually-hidden"> {device.label}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <PushSubscribe publicKey={d.vapidPublicKey} />
      </section>
    </div>
  );
}
