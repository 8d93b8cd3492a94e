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
              // Every page loads React, React DOM and React Router: one file instead of the four the default
              // splitting made (gzip compresses one file better than four; ADR 0026, docs/benchmarks.md).
              groups: [{ name: "framework", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ }],
            },
          },
        },
      },
    },
  },
  build: { assetsInlineLimit: 0 },
  // Leaflet's ES module build: without the UMD build's CommonJS interop, the map's chunk (loaded on demand,
  // app/components/results-map.client.ts, ADR 0021) depends on no other chunk, so the pages that may show a map
  // carry no preload helper for it.
  resolve: { alias: [{ find: /^leaflet$/, replacement: "leaflet/dist/leaflet-src.esm.js" }] },
  plugins: [unusedRouterCode(reactRouterConfig.routeDiscovery), reactRouter()],
});
