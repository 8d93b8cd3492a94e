import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBrand } from "./brand.server.ts";
import { importPace } from "../reimbursements/import/core-system-import.server.ts";
import { ConfigError, readEnv } from "./env.server.ts";

describe("readEnv", () => {
  it("has working defaults for the embedded demo", () => {
    const env = readEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./data", COOKIE_SECURE: true });
    expect(env.HOST).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    expect(readEnv({ DATABASE_URL: "", PORT: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names each wrong variable in French", () => {
    expect(() => readEnv({ PORT: "abc", DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
    try {
      readEnv({ PORT: "99999", DATABASE_URL: "mysql://x", SMTP_URL: "http://x" });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("Configuration invalide");
      expect(message).toContain("PORT");
      expect(message).toContain("DATABASE_URL: doit commencer par postgres://");
      expect(message).toContain("SMTP_URL");
    }
  });

  it("reads the import's pace: 3 writers and no ceiling by default, and refuses what would stall it", () => {
    expect(importPace(readEnv({}))).toEqual({ concurrency: 3, maxLinesPerSecond: undefined });
    expect(importPace(readEnv({ IMPORT_WRITE_CONCURRENCY: "1", IMPORT_MAX_LINES_PER_SECOND: "5000" }))).toEqual({
      concurrency: 1,
      maxLinesPerSecond: 5000,
    });
    expect(() => readEnv({ IMPORT_WRITE_CONCURRENCY: "0" })).toThrow(/IMPORT_WRITE_CONCURRENCY/);
    expect(() => readEnv({ IMPORT_MAX_LINES_PER_SECOND: "10" })).toThrow(/IMPORT_MAX_LINES_PER_SECOND/);
  });

  it("requires AUTH_SECRET in production on PostgreSQL", () => {
    expect(() => readEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://localhost/x" })).toThrow(/AUTH_SECRET/);
  });

  it("refuses a pinned clock outside test mode or on PostgreSQL: a stray CLOCK_FIXED_AT never fakes a deployment's date", () => {
    expect(() => readEnv({ NODE_ENV: "production", CLOCK_FIXED_AT: "2027-01-15T10:00:00Z" })).toThrow(
      /CLOCK_FIXED_AT: .*CLOCK_TEST_MODE=1/,
    );
    const postgres = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://localhost/x",
      AUTH_SECRET: "x".repeat(32),
      IBAN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
    };
    expect(() => readEnv({ ...postgres, CLOCK_FIXED_AT: "2027-01-15T10:00:00Z", CLOCK_TEST_MODE: "1" })).toThrow(
      /base embarquée/,
    );
    expect(readEnv({ CLOCK_FIXED_AT: "2027-01-15T10:00:00Z", CLOCK_TEST_MODE: "1" }).CLOCK_FIXED_AT).toBe(
      "2027-01-15T10:00:00Z",
    );
  });
});

describe("loadBrand", () => {
  it("loads the neutral demo brand", () => {
    const brand = loadBrand();
    expect(brand.name).toBe("Mutuelle Démo");
    expect(brand.phones.length).toBeGreaterThanOrEqual(2);
    expect(brand.agencies[0]?.hours.length).toBeGreaterThan(0);
  });

  it("explains an invalid brand file", () => {
    const dir = mkdtempSync(join(tmpdir(), "brand-"));
    const file = join(dir, "brand.json");
    writeFileSync(file, JSON.stringify({ name: "X", colors: { primary: "blue" } }));
    expect(() => loadBrand(file)).toThrow(/BRAND_CONFIG: .* est invalide[\s\S]*colors.primary/);
  });

  it("gives the demo agencies coordinates and weekly hours, and refuses an hour it cannot read", () => {
    const brand = loadBrand();
    for (const agency of brand.agencies) {
      expect(agency.latitude).toBeTypeOf("number");
      expect(Object.keys(agency.openingHours ?? {}).length).toBeGreaterThan(0);
    }
    const dir = mkdtempSync(join(tmpdir(), "brand-"));
    const file = join(dir, "brand.json");
    const raw = JSON.parse(readFileSync("config/mutuelle.demo.json", "utf8"));
    raw.agencies[0].openingHours = { lundi: ["9h-12h"] };
    writeFileSync(file, JSON.stringify(raw));
    expect(() => loadBrand(file)).toThrow(/agencies\.0\.openingHours\.lundi\.0: horaire au format HH:MM-HH:MM/);
    raw.agencies[0].openingHours = { lundy: ["09:00-12:00"] };
    writeFileSync(file, JSON.stringify(raw));
    expect(() => loadBrand(file)).toThrow(/agencies\.0\.openingHours/);
  });
});
