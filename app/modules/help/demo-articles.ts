// The demo's help articles: the questions the source document answers, in plain French, without any
// insurer's name. Loaded by the demo seed, published on the seed's day. Pure data.
import type { ArticleInput } from "./article-form.ts";

export const demoHelpArticles: readonly ArticleInput[] = [
  {
    slug: "demander-un-remboursement",
    title: "Comment demander un remboursement",
    theme: "remboursements",
    position: 10,
    pages: ["remboursements", "demande-nouvelle", "demandes", "demande-detail"],
    summary: "Envoyez une facture ou une feuille de soins depuis votre espace, en trois étapes.",
    body: `Vous avez payé un soin que la Sécurité sociale ou votre mutuelle n'a pas encore remboursé (ostéopathe, facture d'opticien, soin reçu à l'étranger…) ? Faites la demande en ligne.

## Les étapes

1. Ouvrez [Demander un remboursement](/demandes/nouvelle).
2. Sélectionnez le **bénéficiaire** concerné par le soin.
3. Indiquez le **type de soin** et s'il a été reçu à l'étranger.
4. Joignez les pièces justificatives : la facture acquittée et, si vous l'avez, le décompte de l'Assurance maladie. Un PDF ou une photo nette (JPEG ou PNG) suffit.
5. Validez votre demande.

## Bon à savoir

- Envoyez **une seule demande par soin** : cela évite les erreurs et accélère le traitement.
- Vous suivez l'avancement de votre demande dans [Mes démarches](/demandes).
- Le remboursement est versé sur le compte indiqué dans vos [coordonnées bancaires](/ma-mutuelle/coordonnees-bancaires).`,
  },
  {
    slug: "lire-un-remboursement",
    title: "Lire le détail d'un remboursement",
    theme: "remboursements",
    position: 20,
    pages: ["accueil", "remboursements", "remboursement-detail", "remboursements-synthese"],
    summary:
      "Montant dépensé, part de la Sécurité sociale, part de votre mutuelle et reste à charge : ce que veut dire chaque ligne.",
    body: `Dans [Mes remboursements](/remboursements), les soins sont classés par mois. Vous pouvez afficher toute la liste ou filtrer par bénéficiaire. Sélectionnez un remboursement pour voir son détail.

## Ce que montre le détail

- **Montant dépensé** : ce que le professionnel de santé vous a facturé.
- **Base de remboursement** : le tarif de référence de la Sécurité sociale pour ce soin.
- **Remboursé par la Sécurité sociale** : sa part, souvent un pourcentage de la base.
- **Remboursé par votre mutuelle** : la part que nous versons selon vos garanties.
- **Reste à charge** : ce qui reste à payer par vous, par exemple la participation forfaitaire de 2 € par consultation, que personne ne rembourse.

Le lien « Pourquoi ce montant ? » explique le calcul, étape par étape, avec la garantie appliquée.

## Et ensuite ?

- Téléchargez un [relevé de vos remboursements](/remboursements/releve) pour une période.
- Une question sur un montant ? Écrivez-nous depuis la [messagerie](/messagerie/nouveau?categorie=information-soins), catégorie « Information soins ».`,
  },
  {
    slug: "remboursement-non-recu",
    title: "Je n'ai pas reçu un remboursement",
    theme: "remboursements",
    position: 30,
    pages: ["remboursements", "remboursement-detail", "remboursements-synthese"],
    summary: "Les délais habituels, et ce qu'il faut vérifier avant de nous écrire.",
    body: `La plupart des soins nous sont transmis directement par l'Assurance maladie : le remboursement arrive en général quelques jours après celui de la Sécurité sociale.

## À vérifier

1. Le soin apparaît-il dans [Mes remboursements](/remboursements) ? S'il y figure, la date de paiement est indiquée.
2. Vos [coordonnées bancaires](/ma-mutuelle/coordonnees-bancaires) sont-elles à jour ? Un changement de RIB prend effet après un court délai de sécurité.
3. Pour un soin hors parcours ou à l'étranger, avez-vous envoyé la facture avec [Demander un remboursement](/demandes/nouvelle) ?

Si rien de tout cela n'explique le retard, écrivez-nous : [Messagerie, « Remboursement non reçu »](/messagerie/nouveau?categorie=information-soins&sujet=remboursement-non-recu).`,
  },
  {
    slug: "obtenir-sa-carte-de-tiers-payant",
    title: "Obtenir et utiliser sa carte de tiers payant",
    theme: "carte",
    position: 10,
    pages: ["accueil", "carte", "documents", "attestation", "professionnels"],
    summary:
      "Téléchargez votre carte depuis l'accueil ou Mes documents, et présentez-la pour ne pas avancer les frais.",
    body: `La carte de tiers payant permet de ne pas avancer les frais chez le pharmacien, le laboratoire, l'opticien ou à l'hôpital, pour la part prise en charge par votre mutuelle.

## Où la trouver

- Sur la page d'**accueil** de votre espace, rubrique « Documents à télécharger ».
- Ou dans [Mes documents](/documents), pour l'année en cours et l'année passée.

La carte s'affiche à l'écran et se télécharge en PDF pour l'imprimer ou la garder sur votre téléphone.

## Bon à savoir

- Une nouvelle carte est disponible au début de chaque année : pensez à l'utiliser dès le 1er janvier.
- Tous les bénéficiaires de votre contrat figurent sur la carte.
- Le professionnel de santé peut lire le code imprimé sur la carte pour vérifier vos droits.`,
  },
  {
    slug: "attestation-de-droits",
    title: "Télécharger une attestation de droits ou de cotisations",
    theme: "carte",
    position: 20,
    pages: ["documents", "attestation"],
    summary:
      "L'attestation de droits prouve que vous êtes couvert ; l'attestation de cotisations sert pour vos impôts.",
    body: `Ces documents se téléchargent à tout moment dans [Mes documents](/documents), sans rien demander.

- **Attestation de droits** : elle prouve que vous et vos bénéficiaires êtes couverts à ce jour (demandée par un employeur, un établissement de santé…).
- **Attestation de cotisations** : le total des cotisations payées sur une année, utile pour votre déclaration de revenus si vous y avez droit.
- **Échéancier** : les dates et montants des prélèvements de vos cotisations.

Il vous manque un autre document ? Écrivez-nous depuis la [messagerie](/messagerie/nouveau?categorie=attestation), catégorie « Attestation ».`,
  },
  {
    slug: "envoyer-un-devis",
    title: "Envoyer un devis dentaire, optique ou auditif",
    theme: "devis",
    position: 10,
    pages: ["devis", "demandes", "demande-detail", "professionnels", "garanties"],
    summary: "Estimez votre remboursement et envoyez le devis pour connaître votre reste à charge avant les soins.",
    body: `Avant une couronne, des lunettes ou des aides auditives, demandez un devis à votre professionnel de santé puis envoyez-le-nous : vous saurez ce qui restera à votre charge.

## Les étapes

1. Ouvrez [Estimer ou envoyer un devis](/devis/nouveau).
2. Choisissez le bénéficiaire et le type de soin.
3. Saisissez les montants du devis : une **estimation** s'affiche aussitôt, calculée avec vos garanties.
4. Joignez le devis (PDF ou photo) et envoyez-le.

Vous recevez notre réponse dans [Mes démarches](/demandes), avec le montant que nous prendrons en charge.

## Bon à savoir

Les équipements « 100 % Santé » (certaines lunettes, prothèses dentaires et aides auditives) sont remboursés sans reste à charge.`,
  },
  {
    slug: "suivre-mes-demarches",
    title: "Suivre mes démarches",
    theme: "devis",
    position: 20,
    pages: ["demandes", "demande-detail"],
    summary: "Chaque demande de remboursement, devis ou changement a son suivi, étape par étape.",
    body: `[Mes démarches](/demandes) liste vos demandes avec leur état :

- **Envoyée** : nous l'avons reçue ;
- **En cours** : un conseiller l'étudie ;
- **Pièce manquante** : il nous manque un document. Ouvrez la démarche et ajoutez-le ;
- **Acceptée** ou **Refusée** : la décision est prise, avec son explication ;
- **Payée** : le remboursement est versé.

Ouvrez une démarche pour voir toutes ses étapes et les pièces envoyées.`,
  },
  {
    slug: "trouver-un-professionnel-de-sante",
    title: "Trouver un professionnel de santé du réseau partenaire",
    theme: "devis",
    position: 30,
    pages: ["professionnels", "garanties"],
    summary: "Opticien, audioprothésiste, dentiste… près de chez vous, avec ce que vos garanties paient chez lui.",
    body: `[Trouver un professionnel de santé](/professionnels) liste les professionnels les plus proches d'abord, avec leur distance.

## Chercher

1. Choisissez une **spécialité** (opticien, dentiste, audioprothésiste, pharmacie…).
2. Saisissez un **code postal** ou une **commune**. Laissez le champ vide pour chercher autour de l'adresse de votre contrat, ou choisissez « Autour de moi » pour utiliser la position de votre appareil.
3. Cochez « Réseau partenaire seulement » si vous le souhaitez, puis lancez la recherche.

## Ce que montre chaque résultat

- **Réseau partenaire** : des tarifs négociés par votre mutuelle.
- **Offre 100 % Santé** : des lunettes, des aides auditives ou des prothèses dentaires sans reste à charge, selon vos garanties.
- **Tiers payant** : vous n'avancez pas les frais remboursés ; présentez votre [carte de tiers payant](/aide/obtenir-sa-carte-de-tiers-payant).

Pour une spécialité, « Ce que vos garanties remboursent » reprend les lignes de [Mes garanties](/ma-mutuelle/garanties). Avant un achat important, [envoyez le devis](/aide/envoyer-un-devis) : nous vous indiquons votre reste à charge.`,
  },
  {
    slug: "comprendre-mes-garanties",
    title: "Comprendre mes garanties et changer de niveau",
    theme: "contrat",
    position: 5,
    pages: ["ma-mutuelle", "garanties", "offre", "changer-de-niveau"],
    summary: "Ce que remboursent vos garanties, ce qu'il vous reste cette année, et comment passer à un autre niveau.",
    body: `[Mes garanties](/ma-mutuelle/garanties) présente le tableau de garanties de votre niveau, en vigueur aujourd'hui.

## Lire le tableau

- Les montants **s'ajoutent** aux remboursements de la Sécurité sociale, sans dépasser ce que vous avez payé.
- Un pourcentage se calcule sur la **base de remboursement** (BR) de la Sécurité sociale ; un montant en euros est versé par acte, par séance ou par an selon la ligne.
- « Rechercher une garantie » retrouve une ligne par un mot : lunettes, ostéopathe, dentiste…
- Les mots techniques (BR, ticket modérateur, OPTAM, 100 % Santé) sont expliqués dans le [glossaire](/glossaire).

## Ce qu'il vous reste cette année

Pour chaque bénéficiaire, les forfaits annuels (lentilles, médecines douces…) indiquent ce qui a déjà été utilisé et ce qui reste.

## Changer de niveau

Dans [Mon offre et les autres niveaux](/offre), comparez les niveaux au tarif de votre foyer, puis choisissez « Passer au niveau … ». La date d'effet et la nouvelle cotisation sont indiquées avant l'envoi ; votre mutuelle confirme le changement dans [Mes démarches](/demandes).`,
  },
  {
    slug: "modifier-son-rib",
    title: "Modifier mon RIB (coordonnées bancaires)",
    theme: "contrat",
    position: 10,
    pages: ["coordonnees-bancaires", "remboursements", "ma-mutuelle", "echeancier"],
    summary:
      "Saisissez votre nouvel IBAN et le titulaire du compte : il servira aux prélèvements et aux remboursements.",
    body: `Votre RIB sert à prélever vos cotisations et à rembourser vos soins. Chaque bénéficiaire majeur peut avoir le sien pour ses remboursements.

## Les étapes

1. Ouvrez [Coordonnées bancaires](/ma-mutuelle/coordonnees-bancaires) (rubrique Ma mutuelle).
2. Choisissez « Modifier » à côté du compte concerné, ou « Saisir un RIB ».
3. Saisissez votre **IBAN** (il commence par FR76 pour un compte en France).
4. Renseignez le nom du **titulaire du compte**, exactement comme il apparaît sur votre RIB.
5. Confirmez votre identité, puis validez.

## Bon à savoir

- Pour votre sécurité, le changement prend effet après un court délai et un courriel vous prévient : si vous n'êtes pas à l'origine de la demande, vous pouvez l'annuler depuis ce courriel.
- Un changement d'adresse ou de téléphone se fait depuis [Mon compte](/mon-compte).`,
  },
  {
    slug: "resilier-mon-contrat",
    title: "Comment résilier mon contrat",
    theme: "contrat",
    position: 30,
    pages: ["resiliation", "echeancier"],
    summary:
      "Quand la résiliation prend effet, ce que vous payez pour le dernier mois et combien de temps votre espace reste ouvert.",
    body: `Vous pouvez résilier votre contrat santé en ligne, depuis [Ma mutuelle](/ma-mutuelle), en trois étapes : « Résilier mon contrat », le résumé de ce qui prend fin, puis « Confirmer la résiliation ». Un accusé de réception vous est envoyé aussitôt par e-mail.

## Quand elle prend effet

- Votre contrat a **plus d'un an** : la résiliation prend effet **un mois après** sa réception par votre mutuelle.
- Votre contrat a **moins d'un an** : elle prend effet à son **premier anniversaire**.

Le résumé indique le dernier jour couvert avant que vous confirmiez. Les soins reçus jusqu'à ce jour restent remboursés.

## Ce que vous payez

- Les prélèvements s'arrêtent au dernier jour couvert.
- Pour le dernier mois, vous payez **en proportion des jours couverts** : par exemple 14 jours sur 31.
- Ce qui a été payé pour une période après cette date vous est remboursé dans les 30 jours.

Votre [échéancier de cotisations](/documents) montre le dernier prélèvement.

## Ce que vous gardez

Votre espace adhérent, vos remboursements et vos documents restent accessibles pendant quelques années après la fin du contrat : Ma mutuelle indique jusqu'à quelle date. Téléchargez avant cette date les documents dont vous avez besoin (relevés, attestation de cotisations).`,
  },
  {
    slug: "ajouter-un-beneficiaire",
    title: "Ajouter un bénéficiaire à mon contrat",
    theme: "contrat",
    position: 20,
    pages: ["beneficiaires", "ma-mutuelle", "offre"],
    summary: "Conjoint, enfant : faites la demande en ligne avec les justificatifs.",
    body: `Vous pouvez faire couvrir votre conjoint, votre partenaire de PACS, votre concubin ou vos enfants par votre contrat.

## Les étapes

1. Ouvrez [Bénéficiaires](/ma-mutuelle/beneficiaires) et choisissez « Ajouter un bénéficiaire ».
2. Indiquez ses nom, prénom, date de naissance et son lien avec vous.
3. Joignez les justificatifs demandés (par exemple l'attestation de droits de l'Assurance maladie du bénéficiaire).
4. Envoyez la demande : vous la suivez dans [Mes démarches](/demandes).

La couverture commence à la date indiquée dans notre réponse. Retirer un bénéficiaire se fait depuis la même page.`,
  },
  {
    slug: "ecrire-a-ma-mutuelle",
    title: "Écrire à ma mutuelle avec la messagerie",
    theme: "messagerie",
    position: 10,
    pages: ["accueil", "messagerie", "messagerie-fil", "messagerie-nouveau"],
    summary: "Choisissez une catégorie et un objet, rédigez votre message, ajoutez vos documents.",
    body: `Vous ne trouvez pas de réponse en ligne ? Écrivez à un conseiller depuis la messagerie de votre espace.

## Les étapes

1. Ouvrez [Envoyer un message](/messagerie/nouveau).
2. Choisissez une **catégorie** dans la liste, puis l'**objet** de votre demande, et « Suivant ».
3. Si un service en ligne fait directement cette démarche (ajout de bénéficiaire, RIB, attestation…), il vous est proposé : c'est souvent plus rapide.
4. Rédigez votre message et joignez vos documents si besoin (« Importer des fichiers »).
5. Validez.

## Bon à savoir

Un seul sujet par message : votre demande arrive directement au bon service.`,
  },
  {
    slug: "suivre-mes-messages",
    title: "Suivre mes messages : non lus, en cours, traités",
    theme: "messagerie",
    position: 20,
    pages: ["messagerie", "messagerie-fil"],
    summary: "Ce que veulent dire « En cours » et « Traité », et comment trier vos messages par catégorie.",
    body: `[Tous les messages](/messagerie) rassemble vos échanges, les plus récents en premier.

- **En gras** : vous avez un message non lu.
- **« En cours »** : votre conseiller n'a pas encore répondu.
- **« Traité »** : votre conseiller vous a répondu.

Choisissez une catégorie à côté de la liste pour n'afficher que ses messages, ou un état (« En cours », « Traité »).

## Bon à savoir

Les messages restent disponibles pendant **1 an** sur votre messagerie en ligne. Téléchargez les pièces jointes que vous voulez garder.`,
  },
  {
    slug: "se-connecter-mot-de-passe-oublie",
    title: "Je n'arrive pas à me connecter",
    theme: "compte",
    position: 10,
    pages: ["mon-compte"],
    summary: "Mot de passe oublié, compte bloqué après plusieurs essais : comment retrouver l'accès à votre espace.",
    body: `Pour vous connecter, saisissez votre **numéro d'adhérent** et votre mot de passe.

## Mot de passe oublié

1. Sur la page de connexion, choisissez « Mot de passe oublié ».
2. Saisissez votre numéro d'adhérent ou votre adresse e-mail : un courriel vous est envoyé à l'adresse connue de votre mutuelle.
3. Suivez le lien du courriel (il est valable peu de temps) et choisissez un nouveau mot de passe.

## Trop d'essais

Après plusieurs mots de passe erronés, la connexion est suspendue quelques minutes pour protéger votre compte. Patientez, puis réessayez.

## Protéger votre compte

Dans [Mon compte](/mon-compte), changez votre mot de passe et activez la **double authentification** : un code à usage unique vous sera demandé en plus du mot de passe.`,
  },
  {
    slug: "mettre-a-jour-mes-coordonnees",
    title: "Mettre à jour mon adresse, mon téléphone ou mon courriel",
    theme: "compte",
    position: 20,
    pages: ["mon-compte", "coordonnees-bancaires"],
    summary: "Un changement de situation ? Vos coordonnées personnelles se modifient depuis Mon compte.",
    body: `Vos coordonnées personnelles se mettent à jour dans [Mon compte](/mon-compte) :

- **adresse postale** et **téléphone** : modifiez-les directement ;
- **adresse électronique** : saisissez la nouvelle adresse, puis confirmez-la avec le lien reçu par courriel.

Pour vos coordonnées bancaires, voyez [Modifier mon RIB](/aide/modifier-son-rib).`,
  },
];
