// npm run storage:copy -- <source>   — copies every stored file from another storage into the one this
// portal is configured for (STORAGE_URL), e.g. the local directory into a bucket when moving to several
// servers:
//
//   STORAGE_URL='s3://espace-pieces?endpoint=…&region=…' AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… \
//     npm run storage:copy -- file:///var/lib/espace/data/uploads
//
// Streamed one file at a time (a file is never held whole in memory). A file already at the destination
// with the same size is skipped, so the copy can be run again after an interruption, or once more right
// before the switch to pick up the last uploads. The source's files are never modified. Exit code 1 if a
// file failed.
import { readEnv, storageConfigFromEnv } from "../app/modules/config/env.server.ts";
import { openStorage, parseStorageUrl } from "../app/modules/storage/index.server.ts";

const source = process.argv[2];
if (!source || source.startsWith("-")) {
  console.error("Usage : npm run storage:copy -- <source> (file:///dossier ou s3://bucket?…), vers STORAGE_URL.");
  process.exit(64);
}
const env = readEnv();
const parsedSource = parseStorageUrl(source, {
  localRoot: "",
  ...(env.AWS_REGION ? { awsRegion: env.AWS_REGION } : {}),
});
if ("problem" in parsedSource) {
  console.error(`Source invalide : ${parsedSource.problem}`);
  process.exit(64);
}
const from = await openStorage(parsedSource.config);
const to = await openStorage(storageConfigFromEnv(env));
if (from.description === to.description) {
  console.error(`La source et la destination sont le même stockage (${to.description}).`);
  process.exit(64);
}
let copied = 0;
let skipped = 0;
let failed = 0;
try {
  for await (const object of from.list("")) {
    const there = await to.stat(object.key);
    if (there && there.sizeBytes === object.sizeBytes) {
      skipped += 1;
      continue;
    }
    const file = await from.get(object.key);
    if (!file) continue; // removed meanwhile (a purge): nothing to copy
    try {
      await to.put(object.key, file.body, { contentLength: file.sizeBytes });
      const check = await to.stat(object.key);
      if (check?.sizeBytes !== file.sizeBytes) throw new Error("size differs after copy");
      copied += 1;
    } catch (error) {
      failed += 1;
      console.error(`Échec : ${object.key} (${(error as Error).name})`);
    }
  }
} finally {
  from.close();
  to.close();
}
console.log(
  `Copie de ${from.description} vers ${to.description} : ${copied} fichier(s) copié(s), ${skipped} déjà présent(s), ${failed} échec(s).`,
);
process.exit(failed ? 1 : 0);
