import { servicesContext } from "../context.ts";
import type { Route } from "./+types/mentions-legales";

export const meta: Route.MetaFunction = () => [{ title: "Mentions légales – Espace adhérent" }];

// Public on purpose (loi 2004-575, art. 6 III): who publishes and who hosts the space, from the brand file.
export function loader(args: Route.LoaderArgs) {
  const { brand } = args.context.get(servicesContext);
  return { notice: brand.legalNotice };
}

export default function LegalNotice({ loaderData: { notice: n } }: Route.ComponentProps) {
  return (
    <div className="statement">
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        {n.publisher.name}, {n.publisher.legalForm}.
        <br />
        {n.publisher.registration}.
        <br />
        Siège : {n.publisher.address}.
        <br />
        Téléphone : {n.publisher.phone} — courriel : <a href={`mailto:${n.publisher.email}`}>{n.publisher.email}</a>
      </p>
      <p>Directeur ou directrice de la publication : {n.publicationDirector}.</p>
      <p>Autorité de contrôle : {n.supervisor}.</p>
      <h2>Hébergeur</h2>
      <p>
        {n.host.name}
        <br />
        {n.host.address}
        {n.host.phone ? (
          <>
            <br />
            Téléphone : {n.host.phone}
          </>
        ) : null}
      </p>
      <h2>Données personnelles</h2>
      <p>
        La façon dont vos données sont utilisées, combien de temps elles sont gardées et vos droits sont décrits dans la{" "}
        <a href="/confidentialite">politique de confidentialité</a>.
      </p>
      <h2>Accessibilité</h2>
      <p>
        Voir la <a href="/accessibilite">déclaration d'accessibilité</a>.
      </p>
    </div>
  );
}
