// The words of health insurance a member meets on these pages, explained (issue 25, item 15; RGAA 3.3 /
// WCAG 3.1.3, 3.1.4): pages mark the abbreviations with <abbr> and link here in context
// (/glossaire#base-de-remboursement). Public, like the accessibility statement.
import type { Route } from "./+types/glossaire";

export const meta: Route.MetaFunction = () => [{ title: "Glossaire – Espace adhérent" }];

export const glossary: { id: string; term: string; abbr?: string; text: string }[] = [
  {
    id: "amo",
    term: "Assurance maladie obligatoire",
    abbr: "AMO",
    text: "La Sécurité sociale (régime obligatoire). Elle rembourse la première part de vos soins ; votre mutuelle intervient ensuite.",
  },
  {
    id: "amc",
    term: "Assurance maladie complémentaire",
    abbr: "AMC",
    text: "Votre mutuelle. Elle rembourse tout ou partie de ce que la Sécurité sociale ne prend pas en charge.",
  },
  {
    id: "numero-amc",
    term: "Numéro AMC",
    text: "Le numéro qui identifie votre mutuelle auprès des professionnels de santé ; il figure sur votre carte de tiers payant.",
  },
  {
    id: "base-de-remboursement",
    term: "Base de remboursement",
    abbr: "BR",
    text: "Le tarif sur lequel la Sécurité sociale calcule son remboursement. Il figure sur le décompte de la Sécurité sociale (colonne « Base » ou « BR ») et, pour un devis, sur chaque ligne du devis. Les garanties « en % de la BR » se calculent sur ce montant, pas sur le prix payé.",
  },
  {
    id: "reste-a-charge",
    term: "Reste à charge",
    abbr: "RAC",
    text: "Ce qui reste à payer après les remboursements de la Sécurité sociale et de votre mutuelle.",
  },
  {
    id: "ticket-moderateur",
    term: "Ticket modérateur",
    abbr: "TM",
    text: "La part de la base de remboursement que la Sécurité sociale ne rembourse pas (par exemple 30 % pour une consultation).",
  },
  {
    id: "participation-forfaitaire",
    term: "Participation forfaitaire et franchises",
    text: "Des sommes retenues par la Sécurité sociale sur certains remboursements. La loi interdit aux contrats responsables de les rembourser.",
  },
  {
    id: "depassement",
    term: "Dépassement d'honoraires",
    text: "La part du prix d'un médecin au-delà de la base de remboursement.",
  },
  {
    id: "optam",
    term: "OPTAM et OPTAM-CO",
    abbr: "OPTAM",
    text: "Option de pratique tarifaire maîtrisée : les médecins qui y adhèrent limitent leurs dépassements d'honoraires. Votre garantie rembourse mieux leurs dépassements. L'annuaire santé d'ameli.fr indique si un médecin y adhère.",
  },
  {
    id: "cent-pour-cent-sante",
    term: "100 % Santé",
    text: "Des lunettes (classe A), des aides auditives (classe I) et des prothèses dentaires (panier 100 % Santé) sans reste à charge. Les équipements de classe B (optique) ou de classe II (audition) et les paniers à tarifs maîtrisés ou libres (dentaire) ont des prix libres : un reste à charge est possible.",
  },
  {
    id: "plv",
    term: "Prix limite de vente",
    abbr: "PLV",
    text: "Le prix maximal d'un équipement 100 % Santé : le professionnel ne peut pas le dépasser.",
  },
  {
    id: "contrat-responsable",
    term: "Contrat responsable",
    text: "Un contrat de mutuelle qui respecte les règles de la Sécurité sociale (remboursements minimaux et plafonds) ; il est signalé par un « R » sur la carte de tiers payant.",
  },
  {
    id: "tiers-payant",
    term: "Tiers payant",
    text: "Vous n'avancez pas les frais : le professionnel est payé directement par la Sécurité sociale et par votre mutuelle, sur présentation de votre carte.",
  },
  {
    id: "critere-secondaire",
    term: "Critère secondaire (de routage)",
    text: "Un code de votre carte de tiers payant qui permet au professionnel d'adresser sa facture au bon organisme.",
  },
  {
    id: "adeli-rpps",
    term: "Numéros ADELI et RPPS",
    abbr: "RPPS",
    text: "Les numéros qui identifient un professionnel de santé ; ils figurent sur ses factures et ses feuilles de soins.",
  },
  {
    id: "rib",
    term: "Relevé d'identité bancaire",
    abbr: "RIB",
    text: "Le document de votre banque qui donne votre IBAN : le compte sur lequel vos remboursements sont versés.",
  },
];

export default function Glossary() {
  return (
    <div className="glossary">
      <h1>Glossaire</h1>
      <p className="lead">Les mots de la santé et de la mutuelle que vous rencontrez dans votre espace.</p>
      <dl className="glossary__list">
        {glossary.map((g) => (
          <div key={g.id} id={g.id} className="card">
            <dt>
              {g.term}
              {g.abbr ? ` (${g.abbr})` : ""}
            </dt>
            <dd>{g.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
