import { describe, expect, it } from "vitest";
import { dataRightsSchema } from "./rights-form.ts";

describe("data rights form", () => {
  it("accepts an erasure without words and trims the message", () => {
    expect(dataRightsSchema().parse({ right: "erasure", message: "  " })).toEqual({ right: "erasure", message: "" });
  });
  it("asks which use a restriction or an objection is about", () => {
    const r = dataRightsSchema().safeParse({ right: "objection", message: "non" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["message"]);
    expect(dataRightsSchema().safeParse({ right: "restriction", message: "Mon adresse est contestée." }).success).toBe(
      true,
    );
  });
  it("refuses an unknown right in French", () => {
    const r = dataRightsSchema().safeParse({ right: "tout", message: "" });
    expect(r.error?.issues[0]?.message).toBe("Choisissez ce que vous demandez.");
  });
});
