// Lighthouse (npm, pinned) in Debian's Chromium (/usr/bin/chromium, never a downloaded browser), mobile
// profile (Lighthouse's default: emulated mid-range phone, simulated slow 4G, 4× CPU slowdown), signed in
// with a member's session cookie sent as an extra header.
import { existsSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export const chromiumPath = process.env.BENCH_CHROMIUM ?? "/usr/bin/chromium";
const chromeFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface LighthouseResult {
  path: string;
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  failedAudits: string[];
}

export async function runLighthouse(
  baseUrl: string,
  paths: string[],
  cookie: string,
): Promise<LighthouseResult[] | string> {
  if (!existsSync(chromiumPath)) return `not run: no Chromium at ${chromiumPath} (apt-get install chromium)`;
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags });
  const out: LighthouseResult[] = [];
  try {
    for (const path of paths) {
      const result = await lighthouse(baseUrl + path, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        extraHeaders: { Cookie: cookie },
      });
      if (!result) throw new Error(`no Lighthouse result for ${path}`);
      const { categories, audits } = result.lhr;
      const failedAudits = Object.values(categories.accessibility?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => ref.id);
      out.push({
        path,
        performance: Math.round((categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
        lcpMs: audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
        tbtMs: audits["total-blocking-time"]?.numericValue ?? Number.NaN,
        failedAudits,
      });
    }
  } finally {
    chrome.kill();
  }
  return out;
}

export function lighthouseTable(results: LighthouseResult[] | string, version: string): string[] {
  if (typeof results === "string") return [`Lighthouse ${version}: ${results}`];
  return [
    `Lighthouse ${version}, mobile profile (default: simulated slow 4G, 4× CPU slowdown), Debian's Chromium, headless.`,
    "",
    "| page | performance | accessibility | LCP | total blocking time | accessibility audits failed |",
    "|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| \`${r.path}\` | ${r.performance} | ${r.accessibility} | ${(r.lcpMs / 1000).toFixed(2)} s | ${Math.round(r.tbtMs)} ms | ${r.failedAudits.join(", ") || "none"} |`,
    ),
  ];
}
