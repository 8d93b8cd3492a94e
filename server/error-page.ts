import { errorWording } from "../app/modules/shared/error-wording.ts";

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain French page for failures that happen before React can render anything. */
export function errorPage(brandName: string, status = 500): string {
  const { title, text } = errorWording(status);
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – ${escape(brandName)}</title></head><body><main><h1>${escape(title)}</h1><p>${escape(text)}</p><p><a href="/">Retour à l'accueil</a></p></main></body></html>`;
}
