import { describe, expect, it } from "vitest";
import { actionFailure, actionResult } from "./action-result.ts";

describe("action result", () => {
  it("fills what is not given with empty values, and keeps a page's own data beside", () => {
    expect(actionResult({ fieldErrors: { email: "Adresse invalide." } })).toEqual({
      fieldErrors: { email: "Adresse invalide." },
      formError: null,
      values: {},
      notice: null,
    });
    expect(actionResult({ notice: "Enregistré." }, { preview: "<p>x</p>" })).toEqual({
      fieldErrors: {},
      formError: null,
      values: {},
      notice: "Enregistré.",
      preview: "<p>x</p>",
    });
  });

  it("answers a refusal with its status", () => {
    const answer = actionFailure(409, { formError: "Déjà fait.", values: { a: "1" } });
    expect(answer.init?.status).toBe(409);
    expect(answer.data).toEqual({ fieldErrors: {}, formError: "Déjà fait.", values: { a: "1" }, notice: null });
  });
});
