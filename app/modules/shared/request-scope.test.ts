import { describe, expect, it } from "vitest";
import { chooseRequestId } from "./request-scope.server.ts";

describe("chooseRequestId", () => {
  it("keeps a sane id from a trusted proxy", () => {
    expect(chooseRequestId("7F000001:C35A_7F000001:0BB8_656B1F2A_0001:1A2B", true)).toBe(
      "7F000001:C35A_7F000001:0BB8_656B1F2A_0001:1A2B",
    );
  });
  it("ignores an id from a client that is not a trusted proxy", () => {
    expect(chooseRequestId("chosen-by-client", false)).not.toBe("chosen-by-client");
  });
  it("replaces an id with spaces, quotes, line breaks or too long", () => {
    for (const bad of ["a b", 'a"b', "a\nb", "x".repeat(129), ""]) {
      expect(chooseRequestId(bad, true)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
