// A real push service for tests: the npm package web-push-testing (RFC 8030 endpoints that check the VAPID
// token and decrypt the RFC 8291 payload), started in this process on a free port, as a browser's push service
// would run for a subscribed device. `subscribe` is what a browser's pushManager.subscribe returns;
// `messages` what reached the device (decrypted); `expire` makes the service answer 410 from then on.
import { createRequire } from "node:module";
import type { Server } from "node:http";
import { createServer } from "node:net";

const require = createRequire(import.meta.url);

interface PushApiModel {
  notifyUrl: string;
}
interface WebPushTestingServer {
  startServer(): void;
}

export interface TestPushService {
  origin: string;
  subscribe(applicationServerKey: string): Promise<{
    endpoint: string;
    keys: { p256dh: string; auth: string };
    clientHash: string;
  }>;
  messages(clientHash: string): Promise<string[]>;
  expire(clientHash: string): Promise<void>;
  stop(): Promise<void>;
}

/** A port nothing listens on (a push service that is down). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        resolve(typeof address === "object" && address ? address.port : 0);
      });
    });
  });
}

export async function startPushService(): Promise<TestPushService> {
  const { PushApiModel } = require("web-push-testing/src/PushApiModel.js") as {
    PushApiModel: new () => PushApiModel;
  };
  const Server = require("web-push-testing/src/server.js") as new (
    model: PushApiModel,
    port: number,
  ) => WebPushTestingServer;
  const port = await freePort();
  const server = new Server(new PushApiModel(), port);
  const log = console.log;
  console.log = () => {}; // its "Server running on port …" line, printed once it listens
  server.startServer();
  const origin = `http://localhost:${port}`;
  const post = async (path: string, body?: unknown) => {
    for (;;) {
      try {
        return await fetch(origin + path, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body ?? {}),
        });
      } catch (error) {
        // Not listening yet: poll until it is.
        if (!String((error as { cause?: { code?: string } }).cause?.code).startsWith("ECONNREFUSED")) throw error;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  try {
    await post("/status");
  } finally {
    console.log = log;
  }
  return {
    origin,
    async subscribe(applicationServerKey) {
      const response = await post("/subscribe", { applicationServerKey });
      if (!response.ok) throw new Error(`subscribe: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { data: Awaited<ReturnType<TestPushService["subscribe"]>> }).data;
    },
    async messages(clientHash) {
      const response = await post("/get-notifications", { clientHash });
      return ((await response.json()) as { data: { messages: string[] } }).data.messages;
    },
    async expire(clientHash) {
      const response = await post(`/expire-subscription/${clientHash}`);
      if (!response.ok) throw new Error(`expire: ${response.status}`);
    },
    async stop() {
      const listening = Reflect.get(server, "_server") as Server; // the package keeps its http.Server there
      listening.closeAllConnections();
      await new Promise((resolve) => listening.close(resolve));
    },
  };
}
