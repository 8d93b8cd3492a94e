// The installable app's icons, drawn from the brand logo (BRAND_CONFIG's `logo`, an SVG or PNG under the public
// folder) at the sizes Android and iOS ask for, once per size and kept in memory (a few kilobytes each).
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** File name → size in pixels, and whether the logo sits in the safe zone of a maskable icon. */
export const iconFiles = {
  "icone-192.png": { size: 192, maskable: false },
  "icone-512.png": { size: 512, maskable: false },
  "icone-masquable-512.png": { size: 512, maskable: true },
  "apple-touch-icon.png": { size: 180, maskable: false },
} as const;
export type IconFile = keyof typeof iconFiles;

const cache = new Map<string, Promise<Buffer>>();

/** Where public files are: the build's client folder in production, `public/` in development. */
const publicDirs = [join(process.cwd(), "build", "client"), join(process.cwd(), "public")];

async function readLogo(logo: string): Promise<Buffer> {
  if (!/^\/[A-Za-z0-9/._-]+$/.test(logo) || logo.includes("..")) throw new Error("brand logo path");
  for (const dir of publicDirs) {
    const bytes = await readFile(join(dir, logo)).catch(() => null);
    if (bytes) return bytes;
  }
  throw new Error("brand logo not found");
}

export function renderIcon(logo: string, background: string, file: IconFile): Promise<Buffer> {
  const key = `${logo}|${background}|${file}`;
  let found = cache.get(key);
  if (!found) {
    found = draw(logo, background, file);
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

async function draw(logo: string, background: string, file: IconFile): Promise<Buffer> {
  // sharp (libvips) is loaded with the first icon: about 20 MB a page server seldom needs.
  const sharp = (await import("sharp")).default;
  const { size, maskable } = iconFiles[file];
  const source = await readLogo(logo);
  // A maskable icon keeps its drawing within the central 80 % circle; the others use 90 % of the square.
  const inner = Math.round(size * (maskable ? 0.6 : 0.9));
  const { width } = await sharp(source).metadata();
  // Vector logos are rasterised at the target size (density), not enlarged from their nominal size.
  const drawn = await sharp(source, { density: Math.min(2400, Math.max(72, (72 * inner) / width)) })
    .resize(inner, inner, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
  return sharp({ create: { width: size, height: size, channels: 4, background } })
    .composite([{ input: drawn, gravity: "center" }])
    .png()
    .toBuffer();
}
