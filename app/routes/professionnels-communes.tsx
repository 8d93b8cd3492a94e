import { suggestPlaces } from "../modules/directory/communes.ts";
import type { Route } from "./+types/professionnels-communes";

// Suggestions for the place field of /professionnels and /aide-contact (JSON, for the datalist). Public like
// /aide-contact: the list of French communes is public data, and no database is read.
export function loader(args: Route.LoaderArgs) {
  const q = (new URL(args.request.url).searchParams.get("q") ?? "").slice(0, 60);
  return Response.json({ suggestions: suggestPlaces(q) });
}
