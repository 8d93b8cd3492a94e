const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain French page for failures that happen before React can render anything. */
export function errorPage(brandName: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Service momentanément indisponible – ${escape(brandName)}</title></head><body><main><h1>Service momentanément indisponible</h1><p>Une erreur est survenue de notre côté. Vos données n'ont pas été modifiées. Réessayez dans quelques instants.</p><p><a href="/">Retour à l'accueil</a></p></main></body></html>`;
}
