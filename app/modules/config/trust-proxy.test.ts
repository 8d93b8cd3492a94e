import express from "express";
import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "./trust-proxy.ts";

describe("TRUST_PROXY", () => {
  it("reads a number as a count of hops, not as the address 0.0.0.1", () => {
    expect(parseTrustProxy("1")).toEqual({ value: 1 });
    expect(parseTrustProxy("2")).toEqual({ value: 2 });
    expect(parseTrustProxy("0")).toEqual({ value: 0 });
  });

  it("reads true and false as booleans", () => {
    expect(parseTrustProxy("true")).toEqual({ value: true });
    expect(parseTrustProxy("false")).toEqual({ value: false });
  });

  it("accepts addresses, subnets and Express's keywords", () => {
    expect(parseTrustProxy("10.0.0.0/8, 192.168.1.7,loopback")).toEqual({
      value: ["10.0.0.0/8", "192.168.1.7", "loopback"],
    });
    expect(parseTrustProxy("fd00::/8,::1")).toEqual({ value: ["fd00::/8", "::1"] });
  });

  it.each([
    "yes",
    "1.5",
    "-1",
    "11",
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/8/1",
    "300.1.1.1",
    "load-balancer",
    "10.0.0.1,",
    "",
  ])("refuses %j with a French reason", (raw) => {
    const parsed = parseTrustProxy(raw);
    expect(parsed).toHaveProperty("problem");
    if ("problem" in parsed) expect(parsed.problem).toMatch(/relais|n'est pas reconnu/);
  });

  it("gives Express a value it resolves the client's address with (one hop: the address the proxy saw)", () => {
    const app = express();
    const parsed = parseTrustProxy("1");
    if (!("value" in parsed)) throw new Error("refused");
    app.set("trust proxy", parsed.value);
    const trust = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
    expect(trust("127.0.0.1", 0)).toBe(true);
    expect(trust("203.0.113.9", 1)).toBe(false);
  });
});
