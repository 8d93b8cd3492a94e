import { describe, expect, it } from "vitest";
import { ConfigError, readEnv, storageConfigFromEnv } from "../config/env.server.ts";
import { describeStorage, parseStorageUrl } from "./storage-url.ts";

const parse = (raw: string | undefined, awsRegion?: string) =>
  parseStorageUrl(raw, { localRoot: "/srv/uploads", ...(awsRegion ? { awsRegion } : {}) });

describe("STORAGE_URL", () => {
  it("defaults to the local directory, and takes file:// paths", () => {
    expect(parse(undefined)).toEqual({ config: { kind: "local", root: "/srv/uploads" } });
    expect(parse("file:///var/lib/espace/pieces")).toEqual({
      config: { kind: "local", root: "/var/lib/espace/pieces" },
    });
  });

  it("reads an S3 bucket, its prefix, endpoint, region, path style and encryption", () => {
    expect(
      parse(
        "s3://espace-pieces/production/portail?endpoint=https://s3.fr-par.example&region=fr-par&forcePathStyle=true&sse=AES256",
      ),
    ).toEqual({
      config: {
        kind: "s3",
        bucket: "espace-pieces",
        prefix: "production/portail/",
        endpoint: "https://s3.fr-par.example",
        region: "fr-par",
        forcePathStyle: true,
        sse: "AES256",
      },
    });
    expect(parse("s3://espace-pieces?sse=aws:kms&sseKmsKeyId=arn:aws:kms:eu-west-3:1:key/abc", "eu-west-3")).toEqual({
      config: {
        kind: "s3",
        bucket: "espace-pieces",
        prefix: "",
        region: "eu-west-3",
        forcePathStyle: false,
        sse: "aws:kms",
        sseKmsKeyId: "arn:aws:kms:eu-west-3:1:key/abc",
      },
    });
  });

  it("refuses, in French, what would fail later or leak a secret", () => {
    const problem = (raw: string, region?: string) => (parse(raw, region) as { problem?: string }).problem;
    expect(problem("http://bucket")).toBe("doit commencer par s3:// ou file://");
    expect(problem("s3://AK:SECRET@bucket?region=x1")).toContain("AWS_ACCESS_KEY_ID");
    expect(problem("s3://B_?region=eu-west-3")).toContain("nom de bucket");
    expect(problem("s3://bucket")).toBe("précisez la région (?region=…) ou AWS_REGION");
    expect(problem("s3://bucket?region=eu-west-3&endpont=http://x")).toContain("paramètre « endpont » inconnu");
    expect(problem("s3://bucket?region=eu-west-3&endpoint=ftp://x")).toContain("endpoint doit être");
    expect(problem("s3://bucket?region=eu-west-3&sse=aes")).toContain("sse vaut AES256");
    expect(problem("s3://bucket?region=eu-west-3&sseKmsKeyId=k")).toBe("sseKmsKeyId demande sse=aws:kms");
    expect(problem("s3://bucket?region=eu-west-3&forcePathStyle=oui")).toBe("forcePathStyle vaut true ou false");
    expect(problem("file://hote/x")).toContain("file://");
  });

  it("refuses credentials in the endpoint, in French and English, without repeating them", () => {
    for (const raw of [
      "s3://bucket?region=fr-par&endpoint=https://AKIDEXAMPLE:TopSecret42@s3.fr-par.example",
      "s3://bucket?region=fr-par&endpoint=https%3A%2F%2FAKIDEXAMPLE%3ATopSecret42%40s3.fr-par.example",
      "s3://bucket?region=fr-par&endpoint=http://AKIDEXAMPLE@minio.internal:9000",
    ]) {
      const problem = (parse(raw) as { problem?: string }).problem ?? "";
      expect(problem).toContain("AWS_ACCESS_KEY_ID");
      expect(problem).toContain("ne mettez pas d'identifiants");
      expect(problem).toContain("no user:password@");
      expect(problem).not.toContain("TopSecret42");
      expect(problem).not.toContain("AKIDEXAMPLE");
      let thrown = "";
      try {
        readEnv({ STORAGE_URL: raw });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        thrown = String(error);
      }
      expect(thrown).toContain("STORAGE_URL: ne mettez pas d'identifiants");
      expect(thrown).not.toContain("TopSecret42");
      expect(thrown).not.toContain("AKIDEXAMPLE");
    }
  });

  it("names the storage without credentials", () => {
    const parsed = parse("s3://b-1/p?endpoint=http://127.0.0.1:9000&region=us-east-1");
    expect(describeStorage((parsed as { config: never }).config)).toBe("s3://b-1/p/ (127.0.0.1:9000)");
  });

  it("stops the start with the variable named, and refuses UPLOAD_DIR beside STORAGE_URL", () => {
    expect(() => readEnv({ STORAGE_URL: "s3://bucket" })).toThrow(ConfigError);
    expect(() => readEnv({ STORAGE_URL: "s3://bucket" })).toThrow(
      "Configuration invalide :\n  - STORAGE_URL: précisez la région (?region=…) ou AWS_REGION",
    );
    expect(() => readEnv({ STORAGE_URL: "s3://bucket?region=eu-west-3", UPLOAD_DIR: "/x" })).toThrow(
      /UPLOAD_DIR: inutile avec STORAGE_URL/,
    );
    const env = readEnv({ STORAGE_URL: "s3://bucket", AWS_REGION: "eu-west-3" });
    expect(storageConfigFromEnv(env)).toMatchObject({ kind: "s3", region: "eu-west-3" });
    expect(storageConfigFromEnv(readEnv({ DATA_DIR: "/d" }))).toEqual({ kind: "local", root: "/d/uploads" });
  });
});
