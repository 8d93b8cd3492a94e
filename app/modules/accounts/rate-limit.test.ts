import { describe, expect, it } from "vitest";
import { accountKey, addressKey } from "./rate-limit.server.ts";

describe("addressKey", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff:0:0:9", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("%s → %s", (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});

describe("accountKey", () => {
  it("keys a known account by its id, whatever was typed, and an unknown identifier by itself", () => {
    expect(accountKey("u1", "10000001")).toBe(accountKey("u1", "Benoit@Example.com"));
    expect(accountKey(null, "87654321")).toBe(accountKey(undefined, " 87654321 "));
    expect(accountKey(null, "87654321")).not.toBe(accountKey(null, "87654322"));
    expect(accountKey(null, "x@example.com")).not.toContain("x@example.com");
  });
});
