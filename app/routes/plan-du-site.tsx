// The site map (RGAA 12.1: a second way to reach every page besides the menu; issue 25, item 14). Its
// headings are the main navigation's labels, so the menu, the map and the pages' titles agree.
import type { Route } from "./+types/plan-du-site";

export const meta: Route.MetaFunction = () => [{ title: "Plan du site – Espace adhérent" }];

export const siteMap: { section: string; href: string; pages: { label: string; href: string }[] }[] = [
  { section: "Accueil", href: "/", pages: [] },
  {
    section: "Ma mutuelle",
    href: "/ma-mutuelle",
    pages: [
      { label: "Mes garanties", href: "/ma-mutuelle/garanties" },
      { label: "Mes bénéficiaires", href: "/ma-mutuelle/beneficiaires" },
      { label: "Mes coordonnées bancaires", href: "/ma-mutuelle/coordonnees-bancaires" },
      { label: "Mes documents", href: "/documents" },
    ],
  },
  {
    section: "Prestations",
    href: "/remboursements",
    pages: [
      { label: "Mes remboursements", href: "/remboursements" },
      { label: "Synthèse annuelle", href: "/remboursements/synthese" },
      { label: "Relevé de prestations", href: "/remboursements/releve" },
      { label: "Mes démarches", href: "/demandes" },
      { label: "Demander un remboursement", href: "/demandes/nouvelle" },
      { label: "Envoyer ou estimer un devis", href: "/devis/nouveau" },
    ],
  },
  {
    section: "Messagerie",
    href: "/messagerie",
    pages: [{ label: "Envoyer un message", href: "/messagerie/nouveau" }],
  },
  { section: "Actualités", href: "/actualites", pages: [{ label: "Actualités et offres", href: "/actualites" }] },
  {
    section: "Aide / contact",
    href: "/aide-contact",
    pages: [
      { label: "Glossaire", href: "/glossaire" },
      { label: "Déclaration d'accessibilité", href: "/accessibilite" },
    ],
  },
  {
    section: "Mon compte",
    href: "/mon-compte",
    pages: [
      { label: "Changer mon mot de passe", href: "/mon-compte/mot-de-passe" },
      { label: "Changer mon adresse e-mail", href: "/mon-compte/email" },
      { label: "Double authentification", href: "/mon-compte/double-authentification" },
    ],
  },
];

export default function SiteMap() {
  return (
    <div className="site-map">
      <h1>Plan du site</h1>
      <ul className="site-map__sections">
        {siteMap.map((s) => (
          <li key={s.href + s.section}>
            <a href={s.href}>{s.section}</a>
            {s.pages.length > 0 ? (
              <ul>
                {s.pages.map((p) => (
                  <li key={p.href + p.label}>
                    <a href={p.href}>{p.label}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
