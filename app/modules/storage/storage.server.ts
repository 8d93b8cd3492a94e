// Where members' files are kept: one interface, two drivers (a local directory, S3-compatible object storage).
// Every call streams: nothing here holds a whole file in memory. Keys are relative names such as
// "3f2c…-uuid" (a claim's file) or "messagerie/3f2c…" (a message's): letters, digits, ".", "_", "-" in
// segments separated by "/"; anything else (an absolute path, "..") is refused before it reaches a driver.
import type { Readable } from "node:stream";

export interface StoredObjectInfo {
  key: string;
  sizeBytes: number;
  /** When the object was written, on the storage's clock (file mtime, or the S3 server's LastModified). */
  lastModified: Date;
}

export interface PutOptions {
  /** The exact size when known (streamed as one request); unknown: a multipart upload, part by part. */
  contentLength?: number;
  contentType?: string;
}

export interface ObjectStorage {
  readonly kind: "local" | "s3";
  /** For logs and messages: the directory or the bucket, never a credential. */
  readonly description: string;
  /** Writes the whole stream under `key`, or nothing: a reader never sees a partial object. */
  put(key: string, body: Readable, options?: PutOptions): Promise<void>;
  /** The object as a stream with its size, or null when there is none. The caller consumes or destroys it. */
  get(key: string): Promise<{ body: Readable; sizeBytes: number } | null>;
  stat(key: string): Promise<StoredObjectInfo | null>;
  /** Removes the object; one already gone is not an error. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, page by page (any order). */
  list(prefix: string): AsyncIterable<StoredObjectInfo>;
  /** Checks that the storage answers (the directory is writable, the bucket exists and we may read it). */
  check(): Promise<void>;
  close(): void;
}

const keyPattern = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export class InvalidStorageKey extends Error {}

export function checkKey(key: string): string {
  if (!keyPattern.test(key) || key.length > 512) throw new InvalidStorageKey("invalid storage key");
  return key;
}

export function checkPrefix(prefix: string): string {
  if (prefix !== "" && !(prefix.endsWith("/") ? checkKey(prefix.slice(0, -1)) : checkKey(prefix)))
    throw new InvalidStorageKey("invalid storage prefix");
  return prefix;
}

/** The storage could not be reached or refused us: the message says which storage, never a credential. */
export class StorageUnavailable extends Error {}
