// Virus scanning through clamd's INSTREAM command (CLAMAV_URL=tcp://host:3310). Unset: no scanner.
// A file clamd finds infected is refused; when clamd cannot answer, the file is kept in quarantine and never
// served until a scan clears it.
import { connect } from "node:net";
import { Readable } from "node:stream";

export type ScanResult =
  { status: "clean" } | { status: "infected"; signature: string } | { status: "unavailable"; reason: string };

export interface VirusScanner {
  /** Sends the file to clamd as it is read: a buffer, or a stream of chunks (a stored file). */
  scan(content: Uint8Array | AsyncIterable<Uint8Array>): Promise<ScanResult>;
}

export function createVirusScanner(url: string | undefined, timeoutMs = 15_000): VirusScanner | null {
  if (!url) return null;
  const { hostname, port } = new URL(url);
  return {
    scan(content) {
      return new Promise((resolve) => {
        const socket = connect({ host: hostname, port: Number(port || 3310) });
        const file = content instanceof Readable ? content : null;
        let answer = "";
        const done = (result: ScanResult) => {
          socket.destroy();
          // However the scan ends, the stored file's descriptor is released.
          file?.destroy();
          resolve(result);
        };
        // At once, not when the file is first read (after the connection): a stored file gone from disk
        // fails on open, and an error nobody listens to would stop the process.
        file?.on("error", (error) => {
          done({ status: "unavailable", reason: error.message });
        });
        socket.setTimeout(timeoutMs, () => {
          done({ status: "unavailable", reason: "timeout" });
        });
        socket.on("error", (error) => {
          done({ status: "unavailable", reason: error.message });
        });
        socket.on("data", (chunk) => {
          answer += chunk.toString("utf8");
          if (!answer.includes("\0")) return;
          const reply = answer.replace(/\0.*$/s, "").trim();
          const found = /^stream: (.+) FOUND$/.exec(reply);
          if (found) done({ status: "infected", signature: found[1]! });
          else if (reply === "stream: OK") done({ status: "clean" });
          else done({ status: "unavailable", reason: reply.slice(0, 200) });
        });
        socket.on("connect", async () => {
          socket.write("zINSTREAM\0");
          // Chunks of at most 64 KiB, each prefixed by its length; a zero length ends the stream.
          const send = (chunk: Uint8Array) => {
            for (let offset = 0; offset < chunk.length; offset += 65_536) {
              const part = chunk.subarray(offset, offset + 65_536);
              const length = Buffer.alloc(4);
              length.writeUInt32BE(part.length);
              socket.write(length);
              socket.write(part);
            }
          };
          try {
            if (content instanceof Uint8Array) send(content);
            else for await (const chunk of content) send(chunk);
            socket.write(Buffer.alloc(4));
          } catch (error) {
            done({ status: "unavailable", reason: (error as Error).message });
          }
        });
      });
    },
  };
}
