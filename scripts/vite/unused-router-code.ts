// The browser build leaves out two parts of React Router that this portal never runs (ADR 0026): the
// instrumentation hooks (only with `unstable_instrumentations` on the router, which entry.client does not pass)
// and lazy route discovery ("fog of war", off with `routeDiscovery: { mode: "initial" }`). Both sit in every
// page's first load otherwise, 2.2 KB gzipped of the 120 KB budget (docs/benchmarks.md). Each module is
// replaced by one with the same exports: the checks stay real, and what would run only with the feature on
// throws, so turning either feature on later fails loudly instead of doing nothing. The server build keeps the
// real modules (it renders the same `<Scripts>` and handles `/__manifest`).
import type { Plugin } from "vite";

const leftOut = (feature: string) =>
  `throw new Error(${JSON.stringify(`${feature} is left out of the browser build (scripts/vite/unused-router-code.ts)`)})`;

const stubs: Record<string, string> = {
  "/dist/production/lib/router/instrumentation.js": `
export const instrumentationResultMetaContext = undefined;
export function consumeInstrumentationClientResultMetaReceiver() { return undefined; }
export function getRouteInstrumentationUpdates() { ${leftOut("React Router's instrumentation")} }
export function instrumentClientSideRouter() { ${leftOut("React Router's instrumentation")} }
export function instrumentHandler() { ${leftOut("React Router's instrumentation")} }
`,
  "/dist/production/lib/dom/ssr/fog-of-war.js": `
export const URL_LIMIT = 7680;
export function isFogOfWarEnabled(routeDiscovery, ssr) { return routeDiscovery.mode === "lazy" && ssr === true; }
export function getPatchRoutesOnNavigationFunction(getRouter, manifest, routeModules, ssr, routeDiscovery) {
  if (isFogOfWarEnabled(routeDiscovery, ssr)) ${leftOut("Lazy route discovery")};
}
export function useFogOFWarDiscovery(router, manifest, routeModules, ssr, routeDiscovery) {
  if (isFogOfWarEnabled(routeDiscovery, ssr)) ${leftOut("Lazy route discovery")};
}
export function getPartialManifest() { ${leftOut("Lazy route discovery")} }
export function getManifestPath() { ${leftOut("Lazy route discovery")} }
export function getPathsWithAncestors() { ${leftOut("Lazy route discovery")} }
export function handleClientVersionMismatch() { ${leftOut("Lazy route discovery")} }
`,
};

export function unusedRouterCode(routeDiscovery: { mode: string } | undefined): Plugin {
  return {
    name: "espace:unused-router-code",
    enforce: "pre",
    applyToEnvironment: (environment) => environment.name === "client" && environment.config.isProduction,
    load(id) {
      const file = id.replaceAll("\\", "/");
      if (!file.includes("/node_modules/react-router/")) return null;
      for (const [suffix, code] of Object.entries(stubs)) {
        if (!file.endsWith(suffix)) continue;
        // With lazy discovery the real module is needed: kept.
        if (suffix.endsWith("fog-of-war.js") && routeDiscovery?.mode !== "initial") return null;
        return code;
      }
      return null;
    },
  };
}
