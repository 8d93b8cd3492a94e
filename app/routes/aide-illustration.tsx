// An illustration of the help centre's articles, shown by their <img> (opened directly, it downloads like
// every stored file: serveStoredFile's headers). Public, as the articles are.
import { servicesContext } from "../context.ts";
import { notFound } from "../guards.server.ts";
import { getIllustration, illustrationStore } from "../modules/help/illustrations.server.ts";
import { serveStoredFile } from "../modules/documents/serve-file.server.ts";
import type { Route } from "./+types/aide-illustration";

export async function loader(args: Route.LoaderArgs) {
  const services = args.context.get(servicesContext);
  const file = await getIllustration(services.db, args.params.id);
  if (!file) notFound();
  const response = await serveStoredFile(illustrationStore(services).uploadDir, file);
  if (!response) notFound();
  return response;
}
