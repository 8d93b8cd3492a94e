// The request log names the route that answered, never the values in the address: a member number in a
// back-office path, an id, a search term.
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { demo, TestClient } from "../support/http-client.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
const lines: string[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  server = await startTestServer({ overrides: { logger: pino({ level: "info" }, sink) } });
});
afterAll(() => server.close());

const requestLines = () =>
  lines.map((l) => JSON.parse(l) as { event?: string; path?: string }).filter((l) => l.event === "http_request");

describe("request log", () => {
  it("logs the back-office member file under its pattern, without the member number", async () => {
    const client = new TestClient(server.baseUrl);
    await signInAdvisor(client, server.dataDir, demo.advisor);
    const res = await client.get(`/back-office/adherents/${demo.claire.number}`);
    expect(res.status).toBe(200);
    // A path refused before any route ran (cross-site post): its values are masked too.
    await fetch(`${server.baseUrl}/back-office/adherents/${demo.claire.number}`, {
      method: "POST",
      headers: { origin: "https://ailleurs.example" },
    });
    // A request's line is written when its response has finished, just after the client got it.
    await vi.waitFor(
      () => {
        const paths = requestLines().map((l) => l.path);
        expect(paths).toContain("/back-office/adherents/:valeur");
        // The page's own line too: written when its response finished, which may come after the client read it.
        expect(paths).toContain("/back-office/adherents/:memberNumber");
      },
      {
        timeout: 30_000,
      },
    );
    expect(lines.join("\n")).not.toContain(demo.claire.number);
  });

  it("logs a reimbursement line's page under its pattern, without its id", async () => {
    const client = new TestClient(server.baseUrl);
    await client.signIn(demo.benoit.number, demo.benoit.password);
    const list = await (await client.get("/remboursements")).text();
    const id = /href="\/remboursements\/([0-9a-f-]{36})"/.exec(list)?.[1];
    expect(id).toBeDefined();
    expect((await client.get(`/remboursements/${id}`)).status).toBe(200);
    await vi.waitFor(
      () => {
        expect(requestLines().map((l) => l.path)).toContain("/remboursements/:id");
      },
      {
        timeout: 30_000,
      },
    );
    expect(lines.join("\n")).not.toContain(id);
  });
});
