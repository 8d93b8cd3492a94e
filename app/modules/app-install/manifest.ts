// The web app manifest (W3C Web Application Manifest) from the brand configuration. Pure.
import { iconFiles } from "./icons.server.ts";

export function webAppManifest(brand: {
  name: string;
  shortName: string;
  colors: { primary: string; surface: string };
}) {
  return {
    name: `${brand.name} – Espace adhérent`,
    short_name: brand.shortName,
    description: "Votre espace adhérent : remboursements, carte de tiers payant, démarches et messagerie.",
    lang: "fr",
    dir: "ltr",
    start_url: "/",
    scope: "/",
    id: "/",
    display: "standalone",
    orientation: "any",
    theme_color: brand.colors.primary,
    background_color: brand.colors.surface,
    icons: Object.entries(iconFiles)
      .filter(([name]) => name !== "apple-touch-icon.png")
      .map(([name, { size, maskable }]) => ({
        src: `/icones/${name}`,
        sizes: `${size}x${size}`,
        type: "image/png",
        purpose: maskable ? "maskable" : "any",
      })),
  };
}
