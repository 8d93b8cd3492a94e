import { z } from "zod";
import { describe, expect, it } from "vitest";
import { newsSchema } from "./news-form.ts";

describe("newsSchema", () => {
  const valid = {
    title: "Nouveau : la téléconsultation",
    body: "Elle est remboursée à 100 % dès le 1er janvier.",
    publishFrom: "2026-12-01",
    publishUntil: "",
  };
  it("accepts a news item without an end date", () => {
    expect(newsSchema.parse(valid)).toEqual({ ...valid, publishUntil: null });
  });
  it("refuses an end before the start, and empty texts, in French", () => {
    const r = newsSchema.safeParse({ ...valid, title: "", publishUntil: "2026-11-30" });
    const errors = z.flattenError(r.error!).fieldErrors;
    expect(errors.title?.[0]).toContain("Saisissez un titre");
    expect(errors.publishUntil?.[0]).toBe("La fin de publication est après son début.");
  });
});
