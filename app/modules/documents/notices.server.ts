// Notices d'information the mutuelle publishes to every member: PDF files in NOTICES_DIR, listed in its
// notices.json. Only files named in that list are ever served: a URL cannot reach anything else on disk.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

const noticeSchema = z.array(
  z.object({
    file: z.string().regex(/^[a-z0-9][a-z0-9-]*\.pdf$/, "nom de fichier en minuscules, chiffres et tirets, .pdf"),
    title: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
);

export type Notice = z.infer<typeof noticeSchema>[number];

export interface Notices {
  list: Notice[];
  read(file: string): Buffer | null;
}

export function loadNotices(dir: string): Notices {
  const root = resolve(dir);
  const parsed = noticeSchema.safeParse(JSON.parse(readFileSync(join(root, "notices.json"), "utf8")));
  if (!parsed.success)
    throw new Error(`NOTICES_DIR: ${root}/notices.json est invalide : ${parsed.error.issues[0]?.message}`);
  const list = [...parsed.data].sort((a, b) => b.date.localeCompare(a.date));
  return {
    list,
    read(file) {
      const notice = list.find((n) => n.file === file);
      return notice ? readFileSync(join(root, notice.file)) : null;
    },
  };
}
