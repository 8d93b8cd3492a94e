// A real SMTP server (the `smtp-server` package) on a kernel-chosen loopback port, for tests of the mail
// outbox: it can be down (not listening), refusing (451 on DATA), or accepting, and it keeps what it accepted.
import { SMTPServer } from "smtp-server";
import { type Mail, parseMail } from "./outbox.ts";

export interface ReceivedMail extends Mail {
  /** The envelope's recipients. */
  rcptTo: string[];
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** "accept" stores each mail; "refuse" answers 451 (try again later) to every message. */
  mode: "accept" | "refuse";
  /** Stops listening (connections are refused) / listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  let server: SMTPServer | undefined;
  const state: TestSmtp = {
    url: "",
    port: 0,
    received: [],
    mode: "accept",
    async stop() {
      const s = server;
      server = undefined;
      if (s)
        await new Promise<void>((resolve) => {
          s.close(() => {
            resolve();
          });
        });
    },
    async start() {
      server = create();
      await new Promise<void>((resolve, reject) => {
        server!.once("error", reject);
        server!.listen(state.port, "127.0.0.1", () => {
          resolve();
        });
      });
      state.port = (server.server.address() as { port: number }).port;
      state.url = `smtp://127.0.0.1:${state.port}`;
    },
    close() {
      return state.stop();
    },
  };
  function create() {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          if (state.mode === "refuse") {
            const error = Object.assign(new Error("Service temporairement indisponible"), { responseCode: 451 });
            callback(error);
            return;
          }
          const mail = parseMail(Buffer.concat(chunks).toString("utf8"));
          state.received.push({ ...mail, rcptTo: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        });
      },
    });
  }
  await state.start();
  return state;
}
