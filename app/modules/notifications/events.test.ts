import { describe, expect, it } from "vitest";
import { channelsFor, effectiveChannels, preferencesSchema, sendsEmail, sendsPush } from "./events.ts";

describe("notification channels", () => {
  it("defaults to e-mail and keeps security alerts on e-mail whatever is stored", () => {
    expect(effectiveChannels(null).new_message).toBe("email");
    const stored = effectiveChannels({ new_message: "none", bank_change: "none", new_device_sign_in: "push" });
    expect(stored).toMatchObject({ new_message: "none", bank_change: "email", new_device_sign_in: "email" });
  });
  it("ignores unknown stored values", () => {
    expect(effectiveChannels({ request_status: "fax" }).request_status).toBe("email");
  });
  it("offers push only when devices can receive it", () => {
    const form = {
      payment_received: "push",
      request_status: "email",
      missing_document: "email",
      new_message: "none",
      new_document: "email",
      paperless: "non",
    };
    expect(preferencesSchema(false).safeParse(form).success).toBe(false);
    expect(preferencesSchema(true).safeParse(form).success).toBe(true);
  });
});

describe("push beside e-mail", () => {
  it("lets a security alert add push but never drop its e-mail", () => {
    const stored = effectiveChannels({
      bank_change: "email_push",
      new_device_sign_in: "none",
      new_message: "email_push",
    });
    expect(stored).toMatchObject({ bank_change: "email_push", new_device_sign_in: "email", new_message: "email_push" });
    expect(channelsFor("bank_change", true)).toEqual(["email", "email_push"]);
    expect(channelsFor("new_message", false)).toEqual(["email", "none"]);
    expect(sendsEmail("email_push") && sendsPush("email_push")).toBe(true);
    expect(sendsEmail("push")).toBe(false);
  });
  it("refuses turning a security alert off once push is offered", () => {
    const form = {
      payment_received: "email",
      request_status: "email",
      missing_document: "email",
      new_message: "push",
      new_document: "email",
      bank_change: "none",
      paperless: "non",
    };
    expect(preferencesSchema(true).safeParse(form).success).toBe(false);
    expect(preferencesSchema(true).safeParse({ ...form, bank_change: "email_push" }).success).toBe(true);
  });
});
