// What a member may hear about, and how (issue 23): per event, e-mail, a push notification on their devices,
// or nothing; security alerts cannot be turned off. Pure: shared by the page, the server and the tests.
import { z } from "zod";

export const notificationEvents = [
  "payment_received",
  "request_status",
  "missing_document",
  "new_message",
  "new_document",
  "bank_change",
  "new_device_sign_in",
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

// "push": a notification on the member's registered devices (Web Push); "email_push": both.
export const channels = ["email", "push", "email_push", "none"] as const;
export type Channel = (typeof channels)[number];

export const eventLabels: Record<NotificationEvent, string> = {
  payment_received: "Un remboursement vous a été versé",
  request_status: "Une de vos démarches change d'étape",
  missing_document: "Il manque une pièce à une démarche",
  new_message: "Vous avez un nouveau message",
  new_document: "Un nouveau document est disponible",
  bank_change: "Vos coordonnées bancaires sont modifiées",
  new_device_sign_in: "Connexion depuis un nouvel appareil",
};

export const channelLabels: Record<Channel, string> = {
  email: "Par e-mail",
  push: "Par notification sur mes appareils",
  email_push: "Par e-mail et par notification sur mes appareils",
  none: "Ne pas me prévenir",
};

/**
 * Security alerts: always sent by e-mail (an attacker in the account must not be able to mute them); the member
 * may add a push notification on their devices.
 */
export const lockedEvents: ReadonlySet<NotificationEvent> = new Set(["bank_change", "new_device_sign_in"]);

export const defaultChannels: Record<NotificationEvent, Channel> = {
  payment_received: "email",
  request_status: "email",
  missing_document: "email",
  new_message: "email",
  new_document: "email",
  bank_change: "email",
  new_device_sign_in: "email",
};

export interface Preferences {
  channels: Record<NotificationEvent, Channel>;
  paperless: boolean;
}

/** The channels a member may pick for `event`: a locked event always keeps e-mail. */
export function channelsFor(event: NotificationEvent, pushAvailable: boolean): readonly Channel[] {
  if (lockedEvents.has(event)) return pushAvailable ? ["email", "email_push"] : ["email"];
  return pushAvailable ? channels : ["email", "none"];
}

/** Stored choices over the defaults; a locked event is e-mail (plus push if chosen) whatever is stored. */
export function effectiveChannels(stored: Partial<Record<string, string>> | null): Record<NotificationEvent, Channel> {
  const out = { ...defaultChannels };
  for (const event of notificationEvents) {
    const value = stored?.[event] ?? "";
    if (channelsFor(event, true).includes(value as Channel)) out[event] = value as Channel;
  }
  return out;
}

/** Does `channel` send an e-mail, a push notification? */
export const sendsEmail = (channel: Channel) => channel === "email" || channel === "email_push";
export const sendsPush = (channel: Channel) => channel === "push" || channel === "email_push";

/**
 * The form: one radio group per event that may change (a locked event has one only when push is offered), and
 * the paperless choice. Push is offered once the member has a device registered.
 */
export function preferencesSchema(pushAvailable: boolean) {
  const choiceOf = (event: NotificationEvent) =>
    z.enum(channelsFor(event, pushAvailable) as unknown as [Channel, ...Channel[]], {
      error: "Choisissez comment être prévenu.",
    });
  const shape = Object.fromEntries(
    notificationEvents
      .filter((e) => pushAvailable || !lockedEvents.has(e))
      .map((e) => [e, lockedEvents.has(e) ? choiceOf(e).optional() : choiceOf(e)]),
  ) as Record<NotificationEvent, ReturnType<typeof choiceOf>>;
  return z.object({
    ...shape,
    paperless: z.enum(["oui", "non"], { error: "Choisissez si vous voulez recevoir vos documents par courrier." }),
  });
}
