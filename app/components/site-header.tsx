import { Form, NavLink } from "react-router";

export interface HeaderProps {
  brand: { name: string; logo: string };
  viewer: { kind: "member" | "advisor"; firstName: string; unreadMessages?: number } | null;
}

// The member navigation (see the sitemap). Pages later issues build are linked as they land.
const memberNav = [
  { to: "/", label: "Accueil", end: true },
  { to: "/ma-mutuelle", label: "Ma mutuelle" },
  { to: "/remboursements", label: "Prestations" },
  { to: "/messagerie", label: "Messagerie" },
  { to: "/aide-contact", label: "Aide / contact" },
  { to: "/mon-compte", label: "Mon compte" },
];

export function SiteHeader({ brand, viewer }: HeaderProps) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <div className="site-header__bar">
        <a className="brand" href={viewer?.kind === "advisor" ? "/back-office" : "/"}>
          <img src={brand.logo} alt="" width="36" height="36" />
          <span>
            {brand.name}
            <span className="brand__sub">{viewer?.kind === "advisor" ? "Espace conseiller" : "Espace adhérent"}</span>
          </span>
        </a>
        {viewer ? (
          <Form method="post" action="/deconnexion" className="sign-out">
            <button type="submit" className="button button--quiet">
              Se déconnecter
            </button>
          </Form>
        ) : null}
      </div>
      {viewer?.kind === "member" ? (
        <nav aria-label="Navigation principale" className="main-nav">
          <ul>
            {memberNav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} prefetch="none">
                  {item.label}
                  {item.to === "/messagerie" && viewer.unreadMessages ? (
                    <>
                      {" "}
                      <span className="badge">{viewer.unreadMessages}</span>
                      <span className="visually-hidden"> {viewer.unreadMessages === 1 ? "message non lu" : "messages non lus"}</span>
                    </>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

export function SiteFooter({ publisher }: { publisher: string }) {
  return (
    <footer className="site-footer">
      <p>{publisher}</p>
      <p>
        <a href="/aide-contact">Aide et contact</a>
      </p>
    </footer>
  );
}
