import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import reactRouterConfig from "./react-router.config.ts";
import { unusedRouterCode } from "./scripts/vite/unused-router-code.ts";

// The server build's entry is our Express app (server/app.ts), which wraps React Router's handler with
// headers, CSRF checks and the health endpoint; server.js imports it from build/server/index.js.
export default defineConfig({
  environments: {
    ssr: { build: { rolldownOptions: { input: "./server/app.ts" } } },
    client: {
      build: {
        rolldownOptions: {
          output: {
            codeSplitting: {
              // What every page loads in as few files as gzip compresses best (ADR 0026, docs/benchmarks.md, the
              // budget in scripts/bench/js-budget.ts): React, React DOM and React Router in one file, apart from
              // our code so that a deploy does not change its name (browsers keep it); the root route and the site
              // layout with what they import (header, navigation, session dialog, error page) in a second one,
              // instead of the seven small files the default splitting made. Their own chunks re-export from it.
              groups: [
                { name: "framework", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
                { name: "shell", test: /[\\/]app[\\/](root|routes[\\/]site-layout)\.tsx$/ },
              ],
            },
          },
        },
      },
    },
  },
  build: { assetsInlineLimit: 0 },
  // Leaflet's ES module build: without the UMD build's CommonJS interop, the map's chunk (loaded on demand,
  // app/components/results-map.client.ts, ADR 0021) depends on no other chunk. Vite still wraps the dynamic
  // import in its preload helper (with an empty list; about 0.9 KB gzipped in the map component's chunk, on the
  // two pages that may show a map): neither `build.modulePreload: false` nor `@vite-ignore` removes it.
  resolve: { alias: [{ find: /^leaflet$/, replacement: "leaflet/dist/leaflet-src.esm.js" }] },
  plugins: [unusedRouterCode(reactRouterConfig.routeDiscovery), reactRouter()],
});
