// What each member page costs a browser on first load: the HTML, and every script and stylesheet it
// references (modulepreload links, script tags, inline `import`s of the hydration script), gzipped as the
// server sends them (zlib's default level, like the compression middleware).
import { gzipSync } from "node:zlib";
import type { BenchMember } from "./members.ts";

export interface PageWeight {
  path: string;
  status: number;
  htmlBytes: number;
  htmlGzip: number;
  jsGzip: number;
  jsFiles: number;
  cssGzip: number;
}

/** Member pages, with ids from the generated household of the member signed in. */
export function memberPages(m: BenchMember): string[] {
  return [
    "/",
    "/remboursements",
    `/remboursements?beneficiaire=${m.beneficiaryId}&soin=pharmacie&periode=2025`,
    `/remboursements/${m.lineId}`,
    "/remboursements/synthese",
    "/remboursements/releve",
    "/demandes",
    "/demandes/nouvelle",
    `/demandes/${m.requestId}`,
    "/devis/nouveau",
    "/documents",
    "/documents/carte-tiers-payant/2026",
    "/ma-mutuelle",
    "/ma-mutuelle/garanties",
    "/mon-compte",
    "/aide-contact",
    "/professionnels",
  ];
}

export function referencedAssets(html: string): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href) continue;
    if (rel === "modulepreload") js.add(href);
    if (rel === "stylesheet") css.add(href);
  }
  for (const tag of html.match(/<script\b[^>]*\bsrc="[^"]+"/g) ?? []) js.add(/\bsrc="([^"]+)"/.exec(tag)![1]!);
  for (const m of html.matchAll(/import(?:\s*\(\s*|\s+[^"'();]*?)["'](\/assets\/[^"']+\.js)["']/g)) js.add(m[1]!);
  return { js: [...js], css: [...css] };
}

export async function measureWeights(baseUrl: string, member: BenchMember): Promise<PageWeight[]> {
  const cache = new Map<string, number>();
  const gzipOf = async (href: string) => {
    if (!cache.has(href)) {
      const res = await fetch(new URL(href, baseUrl), { headers: { "Accept-Encoding": "identity" } });
      cache.set(href, gzipSync(Buffer.from(await res.arrayBuffer())).length);
    }
    return cache.get(href)!;
  };
  const out: PageWeight[] = [];
  for (const path of memberPages(member)) {
    const res = await fetch(baseUrl + path, {
      headers: { Cookie: member.cookie, "Accept-Encoding": "identity" },
      redirect: "manual",
    });
    const html = Buffer.from(await res.arrayBuffer());
    const { js, css } = referencedAssets(html.toString("utf8"));
    let jsGzip = 0;
    for (const href of js) jsGzip += await gzipOf(href);
    let cssGzip = 0;
    for (const href of css) cssGzip += await gzipOf(href);
    out.push({
      path,
      status: res.status,
      htmlBytes: html.length,
      htmlGzip: gzipSync(html).length,
      jsGzip,
      jsFiles: js.length,
      cssGzip,
    });
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function weightTable(weights: PageWeight[]): string[] {
  return [
    "| page | status | HTML | HTML gzipped | JS gzipped (files) | CSS gzipped |",
    "|---|---|---|---|---|---|",
    ...weights.map(
      (w) =>
        `| \`${w.path.replace(/beneficiaire=[^&]+/, "beneficiaire=…").replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ":id")}\` | ${w.status} | ${kb(w.htmlBytes)} | ${kb(w.htmlGzip)} | ${kb(w.jsGzip)} (${w.jsFiles}) | ${kb(w.cssGzip)} |`,
    ),
  ];
}
