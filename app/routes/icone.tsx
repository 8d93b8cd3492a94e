// /icones/:file — the app icons drawn from the brand logo (public, like the manifest that names them).
import { servicesContext } from "../context.ts";
import { notFound } from "../guards.server.ts";
import { type IconFile, iconFiles, renderIcon } from "../modules/app-install/icons.server.ts";
import type { Route } from "./+types/icone";

export async function loader(args: Route.LoaderArgs) {
  const file = args.params.file;
  if (!Object.hasOwn(iconFiles, file)) notFound();
  const { brand } = args.context.get(servicesContext);
  const png = await renderIcon(brand.logo, brand.colors.surface, file as IconFile);
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
}
