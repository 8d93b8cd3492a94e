// Server memory while one claim receives ten 10 MB files: the real server process, its resident memory
// sampled from /proc every 10 ms during the upload; with its files in a local directory, then in a bucket of
// a real S3 server (s3rver, as the tests use: ADR 0014).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { s3Credentials, startS3Server } from "../../tests/support/s3.ts";

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

export async function benchUploadMemory(port = 3290): Promise<string[]> {
  const local = await measureUpload(port, {});
  const s3 = await startS3Server("bench");
  let bucket: Measured;
  try {
    bucket = await measureUpload(port, { STORAGE_URL: s3.storageUrl(), ...s3Credentials });
  } finally {
    await s3.stop();
  }
  const row = (label: string, m: Measured) =>
    `| ${label} | ${m.baseline.toFixed(0)} MiB | ${m.peak.toFixed(0)} MiB | ${(m.peak - m.baseline).toFixed(0)} MiB | ${m.seconds.toFixed(1)} s |`;
  return [
    "| one claim, ten 10 MB PDF files in one request | server RSS before | peak during | growth | time |",
    "|---|---|---|---|---|",
    row("real server (PGlite), files checked, stored in a local directory, recorded", local),
    row("the same, files stored in an S3 bucket (s3rver on this machine)", bucket),
    "",
    "Each file is streamed to this server's scratch folder as it arrives (busboy) and checked from its first 512 KB,",
    "its metadata stripped and its virus scan done from the file, then streamed to the storage (a file copy, or one",
    "S3 PutObject whose body is the file): the request holds a few hundred kilobytes at most. Before this, with a",
    "parser that buffered whole parts, the same upload grew the process by 80 MiB. The baseline is mostly the",
    "embedded PostgreSQL (PGlite, WebAssembly).",
  ];
}

interface Measured {
  baseline: number;
  peak: number;
  seconds: number;
}

async function measureUpload(port: number, storageEnv: Record<string, string>): Promise<Measured> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-upload-"));
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      ...storageEnv,
    },
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (
      let i = 0;
      i < 1800 &&
      !(await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    const headers = { origin: base, "content-type": "application/x-www-form-urlencoded" };
    const signIn = await fetch(`${base}/connexion`, {
      method: "POST",
      redirect: "manual",
      headers,
      body: "identifier=10000001&password=demo-adherent-2026",
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const page = await (await fetch(`${base}/demandes/nouvelle`, { headers: { cookie } })).text();
    const beneficiary = /name="beneficiaryId" value="([0-9a-f-]{36})"/.exec(page)![1]!;
    const draft = await fetch(`${base}/demandes/nouvelle`, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, cookie },
      body: `intent=details&beneficiaryId=${beneficiary}&careType=osteopathie&lieu=france&careDate=2026-11-20&amount=60`,
    });
    const draftUrl = draft.headers.get("location")!;

    const form = new FormData();
    const size = 10 * 1024 * 1024 - 4096;
    for (let i = 0; i < 10; i++) {
      const body = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(size - 16), Buffer.from("\n%%EOF\n")]);
      form.append("fichiers", new Blob([new Uint8Array(body)], { type: "application/pdf" }), `facture-${i + 1}.pdf`);
    }
    await new Promise((r) => setTimeout(r, 500));
    const baseline = rssMiB(child.pid!);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(child.pid!))), 10);
    const started = performance.now();
    const res = await fetch(`${base}${draftUrl}`, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { origin: base, cookie },
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (res.status !== 302) throw new Error(`upload answered ${res.status}`);
    return { baseline, peak, seconds };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
