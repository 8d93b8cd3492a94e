import { errorWording } from "../shared/error-wording.ts";

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A plain French page for failures answered outside React's rendering (before React Router runs, or for a
 * file address). `detail` replaces the generic explanation when the route gave a precise French one.
 */
export function errorPage(
  brandName: string,
  status = 500,
  options: { detail?: string; stylesheet?: string } = {},
): string {
  const { title, text } = errorWording(status);
  const style = options.stylesheet ? `<link rel="stylesheet" href="${escape(options.stylesheet)}">` : "";
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)} – ${escape(brandName)}</title>${style}</head><body><main id="contenu" class="page error-page"><h1>${escape(title)}</h1><p>${escape(options.detail ?? text)}</p><p><a href="/">Retour à l'accueil</a> · <a href="/aide-contact">Aide et contact</a></p></main></body></html>`;
}
