// Beside an attachment in which the upload checks found a script, an automatic action or HTML (see
// app/modules/claims/active-content.ts): the advisor opens it knowingly, in a viewer that runs no script.
export function ActiveContentWarning() {
  return (
    <strong className="warning-badge" role="note">
      Attention : ce fichier contient du contenu actif (script, action automatique ou HTML). Ouvrez-le dans un lecteur
      qui n'exécute pas de script.
    </strong>
  );
}
