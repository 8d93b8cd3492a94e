import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

// The server build's entry is our Express app (server/app.ts), which wraps React Router's handler with
// headers, CSRF checks and the health endpoint; server.js imports it from build/server/index.js.
export default defineConfig({
  environments: {
    ssr: { build: { rollupOptions: { input: "./server/app.ts" } } },
  },
  build: { assetsInlineLimit: 0 },
  plugins: [reactRouter()],
});
