// STORAGE_URL, read once at start: where members' files are kept. Pure (no I/O) so a wrong value is refused
// before anything else starts, with a French message naming what is wrong.
//
//   unset                     local directory: UPLOAD_DIR, else DATA_DIR/uploads (one server, `npm start`)
//   file:///var/lib/espace/uploads
//   s3://bucket[/prefix]?endpoint=https://s3.fr-par.example&region=fr-par&forcePathStyle=true&sse=AES256
//
// Credentials for S3 never go in the URL: the AWS SDK reads the standard variables (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, web identity, instance roles).

export type StorageConfig =
  | { kind: "local"; root: string }
  | {
      kind: "s3";
      bucket: string;
      /** Keys are written under this prefix ("" or ending with "/"): one bucket can serve several portals. */
      prefix: string;
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
      /** Server-side encryption asked on every write: "AES256" (SSE-S3) or "aws:kms" (SSE-KMS). */
      sse?: "AES256" | "aws:kms";
      sseKmsKeyId?: string;
    };

/** Bilingual: the operator reading a failed start may not read French. Never quotes the value. */
const credentialsInUrl =
  "ne mettez pas d'identifiants (utilisateur:mot de passe@) dans l'adresse ni dans endpoint : utilisez AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY" +
  " / no user:password@ in the address or its endpoint: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead";

const s3Parameters = new Set(["endpoint", "region", "forcePathStyle", "sse", "sseKmsKeyId"]);

/** The storage configuration, or a French reason why the value is refused. */
export function parseStorageUrl(
  raw: string | undefined,
  defaults: { localRoot: string; awsRegion?: string },
): { config: StorageConfig } | { problem: string } {
  if (!raw) return { config: { kind: "local", root: defaults.localRoot } };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: "n'est pas une adresse (attendu s3://bucket?… ou file:///chemin)" };
  }
  if (url.protocol === "file:") {
    if (url.search || url.hash || url.host)
      return { problem: "file:// : seulement un chemin absolu, sans hôte ni paramètres (file:///var/lib/…)" };
    const root = decodeURIComponent(url.pathname);
    if (root === "/" || root === "") return { problem: "file:// : indiquez un dossier (file:///var/lib/…)" };
    return { config: { kind: "local", root } };
  }
  if (url.protocol !== "s3:") return { problem: "doit commencer par s3:// ou file://" };
  if (url.username || url.password) return { problem: credentialsInUrl };
  const bucket = url.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    return { problem: `nom de bucket « ${bucket} » invalide (3 à 63 caractères : a-z, 0-9, point, tiret)` };
  const segments = decodeURIComponent(url.pathname)
    .split("/")
    .filter((s) => s !== "");
  if (segments.some((s) => !/^[A-Za-z0-9._-]+$/.test(s) || s === "." || s === ".."))
    return { problem: "le préfixe (après le bucket) ne peut contenir que a-z, A-Z, 0-9, point, tiret, souligné" };
  const prefix = segments.length ? `${segments.join("/")}/` : "";
  for (const name of url.searchParams.keys())
    if (!s3Parameters.has(name))
      return { problem: `paramètre « ${name} » inconnu (connus : ${[...s3Parameters].join(", ")})` };
  const params = url.searchParams;
  const endpoint = params.get("endpoint") ?? undefined;
  if (endpoint !== undefined) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(endpoint);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol))
      return { problem: "endpoint doit être une adresse http:// ou https:// (encodez-la si elle a des paramètres)" };
    // The SDK would ignore them (it signs with the standard credentials) and every log line naming the
    // endpoint would carry them: refused, and the message never repeats the value.
    if (parsed.username || parsed.password) return { problem: credentialsInUrl };
  }
  const region = params.get("region") ?? defaults.awsRegion;
  if (!region) return { problem: "précisez la région (?region=…) ou AWS_REGION" };
  if (!/^[a-z0-9-]{2,40}$/.test(region)) return { problem: `région « ${region} » invalide` };
  const pathStyle = params.get("forcePathStyle");
  if (pathStyle !== null && pathStyle !== "true" && pathStyle !== "false")
    return { problem: "forcePathStyle vaut true ou false" };
  const sse = params.get("sse") ?? undefined;
  if (sse !== undefined && sse !== "AES256" && sse !== "aws:kms")
    return { problem: "sse vaut AES256 (clés du fournisseur) ou aws:kms (avec sseKmsKeyId)" };
  const sseKmsKeyId = params.get("sseKmsKeyId") ?? undefined;
  if (sseKmsKeyId !== undefined && sse !== "aws:kms") return { problem: "sseKmsKeyId demande sse=aws:kms" };
  return {
    config: {
      kind: "s3",
      bucket,
      prefix,
      ...(endpoint ? { endpoint } : {}),
      region,
      forcePathStyle: pathStyle === "true",
      ...(sse ? { sse } : {}),
      ...(sseKmsKeyId ? { sseKmsKeyId } : {}),
    },
  };
}

/** Where files go, for logs and error messages: never a credential. */
export function describeStorage(config: StorageConfig): string {
  return config.kind === "local"
    ? `local:${config.root}`
    : `s3://${config.bucket}/${config.prefix}${config.endpoint ? ` (${new URL(config.endpoint).host})` : ""}`;
}
