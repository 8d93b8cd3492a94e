import { describe, expect, it } from "vitest";
import { effectiveChannels, preferencesSchema } from "./events.ts";

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
