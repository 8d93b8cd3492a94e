import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // Route manifests are inlined in the page: no extra fetch, fewer moving parts with a strict CSP.
  routeDiscovery: { mode: "initial" },
} satisfies Config;
