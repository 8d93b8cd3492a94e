import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

// French paths, as members read them (see docs/architecture.md and the sitemap).
export default [
  route("connexion", "routes/connexion.tsx"),
  route("deconnexion", "routes/deconnexion.tsx"),
  layout("routes/site-layout.tsx", [
    index("routes/accueil.tsx"),
    route("aide-contact", "routes/aide-contact.tsx"),
    route("back-office", "routes/back-office.tsx"),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
