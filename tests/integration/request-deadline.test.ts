import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server.ts";

// Node's own whole-request timeout (5 minutes, for every route) is off; each request has its own deadline to
// arrive (server/security.ts): one second here for pages, ten minutes for the import, whose large or paced
// files take longer by design. Only lower bounds on time: a busy machine can make nothing pass early.
const importToken = "deadline-test-import-token-0123456789abcdef";
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: { REQUEST_TIMEOUT_SECONDS: "1", IMPORT_REQUEST_TIMEOUT_SECONDS: "600", IMPORT_API_TOKEN: importToken },
  });
});
afterAll(() => server.close());

/** Sends `head` and the first part of the body, waits `pauseMs`, sends the rest; resolves with what came back. */
function slowRequest(head: string, body: string, pauseMs: number): Promise<{ answer: string; closedAfterMs: number }> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), "127.0.0.1");
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.on("error", () => {}); // a destroyed connection may also reset
    socket.on("close", () => {
      resolve({ answer, closedAfterMs: performance.now() - started });
    });
    socket.on("connect", () => {
      socket.write(head + body.slice(0, 10));
      setTimeout(() => {
        if (!socket.destroyed) socket.write(body.slice(10)); // write, not end: a half-closed client aborts its request
      }, pauseMs);
    });
    socket.setTimeout(120_000, () => reject(new Error("no answer")));
  });
}

describe("how long a request may take to arrive", () => {
  it("cuts a form whose body is still arriving after its deadline, without an answer", async () => {
    const body = "identifier=10000001&password=x";
    const head = `POST /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    const { answer, closedAfterMs } = await slowRequest(head, body, 60_000);
    expect(answer).toBe("");
    expect(closedAfterMs).toBeGreaterThanOrEqual(1000);
  });

  it("lets an import arrive for longer than a page's deadline, and answers it", async () => {
    const body = "source_line_id,member_number\nX-1,10000001\n";
    const head = `POST /api/v1/decomptes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${importToken}\r\nContent-Type: text/csv\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
    // Twice the pages' deadline between the two halves of the body.
    const { answer, closedAfterMs } = await slowRequest(head, body, 2000);
    expect(closedAfterMs).toBeGreaterThanOrEqual(2000);
    expect(answer).toMatch(/^HTTP\/1\.1 (200|400|422) /);
  });
});
