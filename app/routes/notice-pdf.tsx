import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { downloadResponse, recordDownload } from "../modules/documents/download.server.ts";
import type { Route } from "./+types/notice-pdf";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { notices, db } = args.context.get(servicesContext);
  const file = args.params.file;
  const pdf = notices.read(file);
  if (!pdf) notFound();
  await recordDownload(db, { viewer, ip: args.context.get(requestContext).ip, details: { document: "notice", file } });
  return downloadResponse(pdf, { contentType: "application/pdf", filename: file });
}
