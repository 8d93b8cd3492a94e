// A real clamd from Debian's clamav-daemon, with a one-signature database (the EICAR test string, found
// anywhere in a file): no download of the real signatures, which this machine cannot reach.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

export function clamdInstalled(): boolean {
  return spawnSync("sh", ["-c", "command -v clamd"]).status === 0;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => socket.write("zPING\0"));
    socket.on("data", (d) => {
      socket.destroy();
      resolve(d.toString().startsWith("PONG"));
    });
    socket.on("error", () => {
      resolve(false);
    });
  });
}

/** A port nobody listens on now, so the PGlite and PostgreSQL runs of a suite can each start their own clamd. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

export async function startClamd(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "clamd-"));
  mkdirSync(join(dir, "db"));
  writeFileSync(join(dir, "db", "portal-test.ndb"), `Portal-Test-EICAR:0:*:${Buffer.from(eicar).toString("hex")}\n`);
  writeFileSync(
    join(dir, "clamd.conf"),
    [
      `DatabaseDirectory ${join(dir, "db")}`,
      `TCPSocket ${port}`,
      "TCPAddr 127.0.0.1",
      "Foreground yes",
      `LogFile ${join(dir, "clamd.log")}`,
      "StreamMaxLength 20M",
    ].join("\n"),
  );
  const child: ChildProcess = spawn("clamd", ["-c", join(dir, "clamd.conf")], { stdio: "ignore" });
  for (let i = 0; i < 150 && !(await ping(port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await ping(port))) throw new Error("clamd did not start");
  return {
    url: `tcp://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
