import { describe, expect, it } from "vitest";
import { unusedRouterCode } from "./unused-router-code.ts";

const root = "/app/node_modules/react-router/dist/production/lib";
const load = (plugin: ReturnType<typeof unusedRouterCode>, id: string) =>
  (plugin.load as (id: string) => string | null)(id);

describe("unusedRouterCode", () => {
  it("replaces the two modules in the production browser build, with lazy discovery off", () => {
    const plugin = unusedRouterCode({ mode: "initial" });
    expect(load(plugin, `${root}/router/instrumentation.js`)).toContain("export function instrumentClientSideRouter");
    const fog = load(plugin, `${root}/dom/ssr/fog-of-war.js`);
    expect(fog).toContain("export function useFogOFWarDiscovery");
    expect(fog).toContain('routeDiscovery.mode === "lazy" && ssr === true');
    // Everything else, and the development build, is React Router's own.
    expect(load(plugin, `${root}/router/router.js`)).toBeNull();
    expect(load(plugin, "/app/node_modules/react-router/dist/development/lib/router/instrumentation.js")).toBeNull();
  });

  it("keeps lazy route discovery when the configuration turns it on", () => {
    const plugin = unusedRouterCode({ mode: "lazy" });
    expect(load(plugin, `${root}/dom/ssr/fog-of-war.js`)).toBeNull();
    expect(load(plugin, `${root}/router/instrumentation.js`)).not.toBeNull();
  });

  it("applies to the production client build only (the server renders and answers /__manifest)", () => {
    const plugin = unusedRouterCode({ mode: "initial" });
    const applies = plugin.applyToEnvironment as (e: { name: string; config: { isProduction: boolean } }) => boolean;
    expect(applies({ name: "client", config: { isProduction: true } })).toBe(true);
    expect(applies({ name: "ssr", config: { isProduction: true } })).toBe(false);
    expect(applies({ name: "client", config: { isProduction: false } })).toBe(false);
  });

  it("makes the stubs throw if a feature they replace is used", async () => {
    const plugin = unusedRouterCode({ mode: "initial" });
    const source = load(plugin, `${root}/dom/ssr/fog-of-war.js`)!;
    const fog = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as {
      getPatchRoutesOnNavigationFunction: (...a: unknown[]) => unknown;
    };
    const off = { mode: "initial" };
    expect(fog.getPatchRoutesOnNavigationFunction(null, null, null, true, off)).toBeUndefined();
    expect(() => fog.getPatchRoutesOnNavigationFunction(null, null, null, true, { mode: "lazy" })).toThrow(
      /left out of the browser build/,
    );
  });
});
