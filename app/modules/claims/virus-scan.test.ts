import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readStored } from "./uploads.server.ts";
import { createVirusScanner } from "./virus-scan.server.ts";

const dir = mkdtempSync(join(tmpdir(), "scan-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("virus scanner and stored files", () => {
  it("answers 'unavailable' for a stored file gone from disk, without an unhandled stream error", async () => {
    // A clamd that accepts and waits: the file's read error comes first.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) =>
      silent.listen(0, "127.0.0.1", () => {
        resolve();
      }),
    );
    const port = (silent.address() as { port: number }).port;
    const scanner = createVirusScanner(`tcp://127.0.0.1:${port}`, 2_000)!;
    const result = await scanner.scan(readStored(dir, "00000000-0000-4000-8000-000000000000"));
    expect(result.status).toBe("unavailable");
    silent.close();
  });

  it("answers 'unavailable' when clamd cannot be reached, and lets go of the file", async () => {
    writeFileSync(join(dir, "present"), "hello");
    const scanner = createVirusScanner("tcp://127.0.0.1:1", 2_000)!;
    const stream = readStored(dir, "present");
    expect((await scanner.scan(stream)).status).toBe("unavailable");
    expect(stream.destroyed).toBe(true);
  });
});
