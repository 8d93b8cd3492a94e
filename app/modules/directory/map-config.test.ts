import { describe, expect, it } from "vitest";
import { readEnv } from "../config/env.server.ts";
import { mapSettings, tileImageSource, tileUrlProblem } from "./map-config.ts";

describe("the map's configuration", () => {
  it("accepts a tile URL template with {z}, {x}, {y}, and {s} only as the host's first label", () => {
    expect(tileUrlProblem("https://tuiles.example/{z}/{x}/{y}.png")).toBeNull();
    expect(tileUrlProblem("https://{s}.tile.example:8443/carte/{z}/{x}/{y}@2x.png")).toBeNull();
    expect(tileUrlProblem("https://tuiles.example/{z}/{x}.png")).toBe("{y} manquant dans le modèle d'adresse");
    expect(tileUrlProblem("ftp://tuiles.example/{z}/{x}/{y}.png")).not.toBeNull();
    expect(tileUrlProblem("https://tuiles.{s}.example/{z}/{x}/{y}.png")).not.toBeNull();
    expect(tileUrlProblem("javascript:alert(1)//{z}{x}{y}")).not.toBeNull();
  });

  it("allows the tiles' origin in the pages' image sources, {s} as a wildcard", () => {
    expect(tileImageSource("https://tuiles.example/{z}/{x}/{y}.png")).toBe("https://tuiles.example");
    expect(tileImageSource("https://{s}.tile.example:8443/{z}/{x}/{y}.png")).toBe("https://*.tile.example:8443");
  });

  it("is off unless a tile server is configured, and refuses one without its attribution", () => {
    expect(mapSettings(readEnv({}))).toBeNull();
    const tiles = "https://tuiles.example/{z}/{x}/{y}.png";
    expect(mapSettings(readEnv({ MAP_TILE_URL: tiles, MAP_ATTRIBUTION: "© contributeurs" }))).toEqual({
      tiles,
      attribution: "© contributeurs",
      attributionUrl: null,
    });
    expect(() => readEnv({ MAP_TILE_URL: tiles })).toThrow(/MAP_ATTRIBUTION: obligatoire avec MAP_TILE_URL/);
    expect(() => readEnv({ MAP_TILE_URL: "https://tuiles.example/carte.png", MAP_ATTRIBUTION: "x" })).toThrow(
      /MAP_TILE_URL: \{z\} manquant/,
    );
  });
});
