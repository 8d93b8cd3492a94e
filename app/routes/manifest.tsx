// /manifest.webmanifest — public: a browser reads it before anyone signs in, to offer installing the app.
import { servicesContext } from "../context.ts";
import { webAppManifest } from "../modules/app-install/manifest.ts";
import type { Route } from "./+types/manifest";

export function loader(args: Route.LoaderArgs) {
  const { brand } = args.context.get(servicesContext);
  return new Response(JSON.stringify(webAppManifest(brand)), {
    headers: { "Content-Type": "application/manifest+json; charset=utf-8" },
  });
}
