// The S3 driver: any S3-compatible object storage (AWS S3, MinIO, Ceph RGW, Scaleway, OVHcloud, Garage…)
// through the AWS SDK, with only the standard S3 API: PutObject, GetObject, HeadObject, DeleteObject,
// ListObjectsV2, HeadBucket, and multipart upload for a stream of unknown length. Nothing here is specific to
// one provider (ADR 0014).
//
// Streaming: a write of known length is one PutObject whose body is the stream itself; of unknown length,
// a multipart upload holding one 5 MiB part at a time. A read returns the HTTP response body as it arrives.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Readable } from "node:stream";
import type { StorageConfig } from "./storage-url.ts";
import { describeStorage } from "./storage-url.ts";
import { checkKey, checkPrefix, type ObjectStorage, StorageUnavailable } from "./storage.server.ts";

type S3Config = Extract<StorageConfig, { kind: "s3" }>;

export interface S3Options {
  /** Keys per ListObjectsV2 page (S3's maximum and default is 1000; smaller only to test paging). */
  listPageSize?: number;
}

export function createS3Storage(config: S3Config, options: S3Options = {}): ObjectStorage {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    // Checksums only where S3 requires them. The SDK's default (since 2025) adds CRC32 trailers in
    // aws-chunked bodies, which many S3-compatible servers store as part of the object or refuse; the
    // portal keeps its own SHA-256 of every file in its row.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // A storage that stops answering must not hold a member's request for ever: 5 s to connect, and a
    // connection silent for a minute is dropped (a download to a slow member keeps sending, so it stays).
    // More sockets than the SDK's 50: each download in progress holds one for its whole length.
    requestHandler: {
      connectionTimeout: 5_000,
      socketTimeout: 60_000,
      httpAgent: { keepAlive: true, maxSockets: 256 },
      httpsAgent: { keepAlive: true, maxSockets: 256 },
    },
    // The SDK's own warnings go to console; every failure reaches the caller, which logs it by class.
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    // Credentials: the SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, roles).
  });
  const description = describeStorage(config);
  const objectKey = (key: string) => config.prefix + checkKey(key);
  const encryption = (): Pick<PutObjectCommandInput, "ServerSideEncryption" | "SSEKMSKeyId"> => ({
    ...(config.sse ? { ServerSideEncryption: config.sse } : {}),
    ...(config.sseKmsKeyId ? { SSEKMSKeyId: config.sseKmsKeyId } : {}),
  });
  const unavailable = (error: unknown): never => {
    const name = (error as { name?: string }).name ?? "Error";
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    throw new StorageUnavailable(`${description} : ${name}${status ? ` (HTTP ${status})` : ""}`, { cause: error });
  };
  return {
    kind: "s3",
    description,
    async put(key, body, putOptions = {}) {
      const input: PutObjectCommandInput = {
        Bucket: config.bucket,
        Key: objectKey(key),
        Body: body,
        ...(putOptions.contentType ? { ContentType: putOptions.contentType } : {}),
        ...encryption(),
      };
      // A failed write leaves no object: PutObject is all or nothing, an aborted multipart upload is removed.
      // The SDK pipes the body into its request and does not hear the body's own errors (a file unreadable
      // midway): they abort the request here, else it would wait for the rest for ever.
      const abort = new AbortController();
      let bodyError: unknown = null;
      const onError = (error: unknown) => {
        bodyError ??= error;
        abort.abort(error);
      };
      body.on("error", onError);
      try {
        if (putOptions.contentLength !== undefined) {
          await client.send(new PutObjectCommand({ ...input, ContentLength: putOptions.contentLength }), {
            abortSignal: abort.signal,
          });
        } else {
          const upload = new Upload({ client, params: input, queueSize: 1, partSize: 5 * 1024 * 1024 });
          abort.signal.addEventListener("abort", () => void upload.abort().catch(() => {}));
          await upload.done();
        }
      } catch (error) {
        body.destroy();
        throw bodyError ?? error;
      } finally {
        body.off("error", onError);
        body.on("error", () => {}); // a late error after the answer changes nothing
      }
    },
    async get(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
        return { body: answer.Body as Readable, sizeBytes: answer.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async stat(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
        return { key, sizeBytes: head.ContentLength ?? 0, lastModified: head.LastModified ?? new Date(0) };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
    },
    async *list(prefix) {
      checkPrefix(prefix);
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: config.bucket,
            Prefix: config.prefix + prefix,
            ...(options.listPageSize ? { MaxKeys: options.listPageSize } : {}),
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const object of page.Contents ?? []) {
          if (!object.Key) continue;
          yield {
            key: object.Key.slice(config.prefix.length),
            sizeBytes: object.Size ?? 0,
            lastModified: object.LastModified ?? new Date(0),
          };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: config.bucket }));
      } catch (error) {
        unavailable(error);
      }
    },
    close() {
      client.destroy();
    },
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
}
