import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

// French paths, as members read them (see docs/architecture.md and the sitemap).
export default [
  route("connexion", "routes/connexion.tsx"),
  route("deconnexion", "routes/deconnexion.tsx"),
  route("api/v1/decomptes", "routes/api-decomptes.tsx"),
  route("ma-mutuelle/garanties.pdf", "routes/garanties-pdf.tsx"),
  route("documents/carte-tiers-payant/:year/pdf", "routes/carte-tiers-payant-pdf.tsx"),
  route("documents/attestation-de-droits/pdf", "routes/attestation-pdf.tsx"),
  route("documents/echeancier/:year/pdf", "routes/echeancier-pdf.tsx"),
  route("documents/notices/:file", "routes/notice-pdf.tsx"),
  route("demandes/:id/fichiers/:fileId", "routes/demande-fichier.tsx"),
  route("remboursements/releve.pdf", "routes/remboursements-releve-pdf.tsx"),
  route("remboursements/export.csv", "routes/remboursements-export-csv.tsx"),
  layout("routes/site-layout.tsx", [
    index("routes/accueil.tsx"),
    route("aide-contact", "routes/aide-contact.tsx"),
    route("ma-mutuelle", "routes/ma-mutuelle.tsx"),
    route("documents", "routes/documents.tsx"),
    route("demandes", "routes/demandes.tsx"),
    route("demandes/nouvelle", "routes/demande-nouvelle.tsx"),
    route("demandes/:id", "routes/demande-detail.tsx"),
    route("devis/nouveau", "routes/devis-nouveau.tsx"),
    route("documents/carte-tiers-payant/:year", "routes/carte-tiers-payant.tsx"),
    route("ma-mutuelle/garanties", "routes/garanties.tsx"),
    route("remboursements", "routes/remboursements.tsx"),
    route("remboursements/synthese", "routes/remboursements-synthese.tsx"),
    route("remboursements/releve", "routes/remboursements-releve.tsx"),
    route("remboursements/:id", "routes/remboursement-detail.tsx"),
    route("back-office", "routes/back-office.tsx"),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
