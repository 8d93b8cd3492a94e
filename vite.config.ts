import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

// The server build's entry is our Express app (server/app.ts), which wraps React Router's handler with
// headers, CSRF checks and the health endpoint; server.js imports it from build/server/index.js.
export default defineConfig({
  environments: {
    ssr: { build: { rollupOptions: { input: "./server/app.ts" } } },
  },
  build: { assetsInlineLimit: 0 },
  // Leaflet's ES module build: without the UMD build's CommonJS interop, the map's chunk (loaded on demand,
  // app/components/results-map.client.ts, ADR 0021) depends on no other chunk, so the pages that may show a map
  // carry no preload helper for it.
  resolve: { alias: [{ find: /^leaflet$/, replacement: "leaflet/dist/leaflet-src.esm.js" }] },
  plugins: [reactRouter()],
});
