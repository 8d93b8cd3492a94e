// The French words for a page that failed, by status: one wording for React's error boundaries and for the
// plain pages Express sends before React runs. Never details of the failure.
export interface ErrorWording {
  title: string;
  text: string;
}

const wordings: Record<number, ErrorWording> = {
  400: {
    title: "Demande illisible",
    text: "Votre demande contient des caractères ou une adresse que nous ne pouvons pas lire (par exemple un caractère invisible copié d'un autre document). Rien n'a été enregistré. Revenez à la page précédente, corrigez votre saisie et réessayez.",
  },
  404: { title: "Page introuvable", text: "La page demandée n'existe pas ou n'est plus disponible." },
};

const unavailable: ErrorWording = {
  title: "Service momentanément indisponible",
  text: "Une erreur est survenue de notre côté. Vos données n'ont pas été modifiées. Réessayez dans quelques instants.",
};

export function errorWording(status: number): ErrorWording {
  return wordings[status] ?? unavailable;
}
