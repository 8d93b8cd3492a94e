import { Form, Link, useLocation } from "react-router";
import { AccessibilityMention } from "./accessibility-mention.tsx";

export interface HeaderProps {
  brand: { name: string; logo: string };
  viewer: {
    kind: "member" | "advisor";
    firstName: string;
    unreadMessages?: number;
    /** The sections this viewer may open (a beneficiary, a carer); null or absent: all. */
    sections?: string[] | null;
    /** A carer: whose space they act in. */
    actingFor?: string | null;
  } | null;
}

// The member navigation (see the sitemap). Each section also covers the pages the sitemap files under it, so
// the member always sees where they are (Documents is in Ma mutuelle; démarches and devis in Prestations).
const memberNav = [
  { to: "/", label: "Accueil", covers: [] },
  { to: "/ma-mutuelle", label: "Ma mutuelle", covers: ["/ma-mutuelle", "/documents"] },
  {
    to: "/remboursements",
    label: "Prestations",
    covers: ["/remboursements", "/demandes", "/devis", "/professionnels"],
  },
  { to: "/messagerie", label: "Messagerie", covers: ["/messagerie"] },
  { to: "/actualites", label: "Actualités", covers: ["/actualites"] },
  { to: "/aide-contact", label: "Aide / contact", covers: ["/aide-contact", "/aide"] },
  { to: "/mon-compte", label: "Mon compte", covers: ["/mon-compte"] },
  // Beneficiaries and carers: their documents (and a beneficiary's own bank details) stand for "Ma mutuelle",
  // their own access and the carers' page for "Mon compte".
  { to: "/documents", label: "Mes documents", covers: ["/documents", "/ma-mutuelle/coordonnees-bancaires"] },
  { to: "/mon-compte/aidants", label: "Mon accès", covers: ["/mon-compte"] },
];

/** Items only the other people of a space see (the holder reaches them through Ma mutuelle and Mon compte). */
const notForHolder = new Set(["/documents", "/mon-compte/aidants"]);

function visibleNav(sections: string[] | null | undefined) {
  return sections
    ? memberNav.filter((item) => sections.includes(item.to))
    : memberNav.filter((i) => !notForHolder.has(i.to));
}

type NavItem = (typeof memberNav)[number];

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** The section the page belongs to: "page" on the section's own address, "true" anywhere inside it. */
function currentState(item: NavItem, pathname: string): "page" | "true" | undefined {
  if (pathname === item.to) return "page";
  return item.covers.some((prefix) => isUnder(pathname, prefix)) ? "true" : undefined;
}

function NavLinks({ pathname, unreadMessages, items }: { pathname: string; unreadMessages: number; items: NavItem[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.to}>
          <Link to={item.to} prefetch="none" aria-current={currentState(item, pathname)}>
            {item.label}
            {item.to === "/messagerie" && unreadMessages ? (
              <>
                {" "}
                <span className="badge">{unreadMessages}</span>
                <span className="visually-hidden"> {unreadMessages === 1 ? "message non lu" : "messages non lus"}</span>
              </>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function SiteHeader({ brand, viewer }: HeaderProps) {
  const { pathname } = useLocation();
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
        <MemberNav pathname={pathname} unreadMessages={viewer.unreadMessages ?? 0} sections={viewer.sections} />
      ) : null}
      {viewer?.actingFor ? (
        <p className="acting-for" role="note">
          Vous agissez pour le compte de {viewer.actingFor}. <a href="/mon-compte/aidants">Changer d'espace</a>
        </p>
      ) : null}
    </header>
  );
}

/**
 * Wide screens: the sections in one row. Phones: one compact row naming the current section, which opens the
 * list (a <details>: works without JavaScript). Only one of the two is displayed at a time.
 */
function MemberNav({
  pathname,
  unreadMessages,
  sections,
}: {
  pathname: string;
  unreadMessages: number;
  sections?: string[] | null;
}) {
  const items = visibleNav(sections);
  const current = items.find((item) => currentState(item, pathname));
  return (
    <nav aria-label="Navigation principale" className="main-nav">
      <div className="main-nav__wide">
        <NavLinks pathname={pathname} unreadMessages={unreadMessages} items={items} />
      </div>
      <details className="main-nav__compact">
        <summary>
          <span>Menu</span>
          {current ? <span className="main-nav__current"> · {current.label}</span> : null}
          {unreadMessages ? (
            <>
              {" "}
              <span className="badge" aria-hidden="true">
                {unreadMessages}
              </span>
            </>
          ) : null}
        </summary>
        <NavLinks pathname={pathname} unreadMessages={unreadMessages} items={items} />
      </details>
    </nav>
  );
}

/** The footer: for a signed-in member, links to the main sections, as the source document's footer has. */
export function SiteFooter({ publisher, member = false }: { publisher: string; member?: boolean }) {
  return (
    <footer className="site-footer">
      {member ? (
        <nav aria-label="Rubriques principales">
          <ul className="site-footer__links">
            <li>
              <a href="/ma-mutuelle">Ma mutuelle</a>
            </li>
            <li>
              <a href="/remboursements">Prestations</a>
            </li>
            <li>
              <a href="/messagerie">Messagerie</a>
            </li>
            <li>
              <a href="/actualites">Actualités et offres</a>
            </li>
            <li>
              <a href="/mon-compte">Mon compte</a>
            </li>
            <li>
              <a href="/aide-contact">Aide et contact</a>
            </li>
            <li>
              <a href="/aide">Questions fréquentes</a>
            </li>
          </ul>
        </nav>
      ) : (
        <p>
          <a href="/aide-contact">Aide et contact</a> · <a href="/aide">Questions fréquentes</a>
        </p>
      )}
      <p>{publisher}</p>
      <AccessibilityMention />
    </footer>
  );
}
