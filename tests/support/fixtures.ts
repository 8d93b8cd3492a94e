// The people most integration tests need, as Vitest fixtures instead of the same beforeAll in every file:
// `server` (a fresh app server on its own copy of the demo database), `member` (Benoit, the source document's
// contract holder, signed in), `otherMember` (Claire, another household), `advisor` (the demo conseiller, second
// factor done), `manager` (the demo gestionnaire) and `administrator` (the demo administrateur), both second factor
// done too. Each is built once per file, the first time a test asks for it, and closed after the file's last
// test; a test that names none starts nothing. A test file imports `test`, `describe` and `expect` from here and
// names what it needs in its callback's first argument, e.g. `async ({ member, server }) => …`.
import { test as base } from "vitest";
import { demo, TestClient } from "./http-client.ts";
import { signInAdvisor } from "./step-up.ts";
import { startTestServer } from "./test-server.ts";

export { describe, expect } from "vitest";

export const test = base
  // Vitest reads a fixture's dependencies from its first argument's pattern: empty, this one needs none.
  // oxlint-disable-next-line no-empty-pattern
  .extend("server", { scope: "file" }, async ({}, { onCleanup }) => {
    const server = await startTestServer();
    onCleanup(() => server.close());
    return server;
  })
  .extend("member", { scope: "file" }, async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    await client.signIn(demo.benoit.number, demo.benoit.password);
    return client;
  })
  .extend("otherMember", { scope: "file" }, async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    await client.signIn(demo.claire.number, demo.claire.password);
    return client;
  })
  .extend("advisor", { scope: "file" }, async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    await signInAdvisor(client, server.dataDir);
    return client;
  })
  .extend("manager", { scope: "file" }, async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    await signInAdvisor(client, server.dataDir, demo.manager);
    return client;
  })
  .extend("administrator", { scope: "file" }, async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    await signInAdvisor(client, server.dataDir, demo.administrator);
    return client;
  });
