/**
 * French texts of the pasby widget: `import { fr } from '@passid/core/pasby/locales/fr'` and
 * pass `locale: fr` (or `<PasbyVerify locale={fr}>`). A separate entry, so English-only
 * bundles do not carry it.
 */
import type { PasbyLocale } from '../messages.js';

export const fr: PasbyLocale = {
  code: 'fr',
  dir: 'ltr',
  messages: {
    title: 'Vérifier avec pasby',
    titleWithInstitution: 'Vérifier avec pasby pour {institution}',
    start: {
      wildcard: 'Afficher le code QR',
      'same-device': 'Continuer avec pasby',
      'different-device': "Envoyer à l'application pasby",
    },
    ninLabel: "Numéro d'identification national (NIN)",
    ninHint: "Les 11 chiffres du NIN. Nous envoyons la demande à l'application pasby de cette personne.",
    ninErrors: {
      EMPTY: "Saisissez le numéro d'identification national.",
      MALFORMED: "Un numéro d'identification national compte exactement 11 chiffres.",
    },
    requesting: {
      wildcard: 'Création du code QR…',
      'same-device': 'Préparation de pasby…',
      'different-device': "Envoi de la demande à l'application pasby…",
    },
    instructions: {
      // A no-break space before the colon, as French typography wants (it never starts a line).
      wildcard: "Scannez ce code QR avec l'application pasby. Le code change régulièrement\u00a0: scannez celui qui s'affiche.",
      'same-device': "Ouvrez l'application pasby sur cet appareil, puis approuvez la demande.",
      'different-device': "Nous avons envoyé une demande à l'application pasby. Ouvrez pasby sur le téléphone et approuvez-la.",
    },
    qrLabel: "Code QR de vérification pasby. Scannez-le avec l'application pasby.",
    openPasby: 'Ouvrir pasby',
    pickedUpTitle: 'Approuvez dans votre application pasby',
    pickedUpText: "La demande est ouverte dans l'application pasby. Vérifiez-la et approuvez-la.",
    expiresIn: 'Expire dans {time}',
    expiresInSpoken: 'Expire dans {minutes} min {seconds} s',
    reconnecting: 'Reconnexion…',
    liveIdle: 'Prêt à vérifier avec pasby.',
    liveAwaiting: {
      wildcard: "Code QR prêt. En attente d'un scan avec l'application pasby.",
      'same-device': "pasby est prêt. Ouvrez l'application pasby pour approuver.",
      'different-device': "Demande envoyée à l'application pasby. En attente de l'approbation.",
    },
    livePickedUp: "La demande est ouverte dans l'application pasby. En attente de l'approbation.",
    liveSuccess: 'Identité confirmée par pasby.',
    liveDeclined: "La vérification n'a pas abouti. {reason}",
    liveError: 'La vérification a échoué. {error}',
    successTitle: 'Identité confirmée',
    declinedTitle: "La vérification n'a pas abouti",
    notOnPasbyTitle: 'Aucune identité pasby pour ce numéro',
    errorTitle: 'Une erreur est survenue',
    tryAgain: 'Réessayer',
    startAgain: 'Recommencer',
    otherNin: 'Essayer un autre numéro',
    fallback: {
      wildcard: 'Utiliser un code QR',
      'same-device': 'Utiliser pasby sur cet appareil',
      'different-device': 'Envoyer vers un téléphone',
    },
    claimsTitle: 'Confirmé par pasby',
    claimLabels: {
      'naming.given': 'Prénom',
      'naming.middle': 'Deuxième prénom',
      'naming.family': 'Nom de famille',
      'contact.email': 'E-mail',
      'bio.birthdate': 'Date de naissance',
      'bio.gender': 'Genre',
      'bio.birthnumber': 'Numéro de naissance',
      'nationality.primary': 'Nationalité',
      'nationality.residence': 'Pays de résidence',
    },
    decline: {
      CANCELLED: "La demande a été refusée dans l'application pasby, ou annulée.",
      EXPIRED: 'Demande expirée',
      NOT_ON_PASBY: "Ce numéro d'identification national n'a pas d'identité numérique pasby.",
      UNKNOWN_DECLINE: "La vérification n'a pas abouti.",
    },
    errors: {
      http: "Le service de vérification n'a pas pu traiter la demande (HTTP {status}). Veuillez réessayer.",
      network: 'Impossible de joindre le service de vérification. Vérifiez la connexion et réessayez.',
      invalid_response: 'Le service de vérification a envoyé une réponse inattendue. Veuillez réessayer plus tard.',
      live_key_in_browser: 'Les clés pasby ne peuvent pas être utilisées dans le navigateur.',
      configuration: "pasby n'est pas configuré correctement. Donnez-lui l'endpoint de votre proxy pasby.",
      aborted: 'La demande a été annulée.',
    },
    errorUnauthorized: 'Le serveur a refusé de démarrer pasby. Reconnectez-vous, ou vérifiez la configuration du proxy.',
    errorRateLimited: 'Trop de demandes. Patientez un instant puis réessayez.',
    errorNotFound: "Cette demande pasby n'existe plus. Recommencez.",
  },
};
