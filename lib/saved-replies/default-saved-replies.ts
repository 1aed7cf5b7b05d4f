// The saved replies every shop starts with, in the founder's voice: help first, then "just
// reply". The team edits them, adds its own and deletes what it does not use.
import type { Locale } from "@/lib/generated/prisma/enums";

export type DefaultSavedReply = { locale: Locale; folder: string; name: string; body: string };

export const DEFAULT_SAVED_REPLIES: DefaultSavedReply[] = [
  {
    locale: "en",
    folder: "Payment",
    name: "Payment timed out (3-D Secure)",
    body: `Hi {{firstName}},

Sorry about that. The bank's confirmation step sometimes expires before it is approved. Open your bank app first, then try the payment again: the approval should come through in time.

If it still doesn't work, just reply and I'll help you personally.`,
  },
  {
    locale: "fr",
    folder: "Paiement",
    name: "Paiement expiré (3-D Secure)",
    body: `Bonjour {{firstName}},

Toutes mes excuses pour ce souci. L'étape de confirmation de la banque expire parfois avant d'être validée. Ouvrez d'abord l'application de votre banque, puis relancez le paiement : la validation devrait passer à temps.

Si ça ne marche toujours pas, répondez-moi et je vous aide personnellement.`,
  },
  {
    locale: "en",
    folder: "Payment",
    name: "Card declined: billing ZIP",
    body: `Hi {{firstName}},

A declined card is most often a billing postcode that doesn't match the one your bank has on file. Could you check it and try again?

If it's still refused, reply here and we'll find another way together.`,
  },
  {
    locale: "fr",
    folder: "Paiement",
    name: "Carte refusée : code postal de facturation",
    body: `Bonjour {{firstName}},

Une carte refusée vient le plus souvent d'un code postal de facturation différent de celui que connaît votre banque. Pouvez-vous le vérifier et réessayer ?

Si elle est encore refusée, répondez-moi et on trouvera une autre solution ensemble.`,
  },
  {
    locale: "en",
    folder: "Reviews",
    name: "Thank you, with the review link",
    body: `Thank you {{firstName}}, that's lovely to hear! If you feel like telling others about your {{productName}}, here is the place: {{reviewLink}}`,
  },
  {
    locale: "fr",
    folder: "Avis",
    name: "Merci, avec le lien d'avis",
    body: `Merci {{firstName}}, ça fait vraiment plaisir ! Si vous voulez en parler à d'autres, c'est ici : {{reviewLink}}`,
  },
  {
    locale: "en",
    folder: "Site problems",
    name: "It's fixed",
    body: `Hi {{firstName}},

You ran into a problem on our site a little while ago, and I wanted to tell you myself: it's fixed now. Thank you for telling us about it; it helped me find it.

If anything else gets in your way, just reply here.`,
  },
  {
    locale: "fr",
    folder: "Problèmes du site",
    name: "C'est réparé",
    body: `Bonjour {{firstName}},

Vous aviez rencontré un souci sur le site il y a quelque temps, et je tenais à vous le dire moi-même : c'est réparé. Merci de nous l'avoir signalé, c'est grâce à vous que je l'ai trouvé.

Si quoi que ce soit d'autre vous bloque, répondez simplement ici.`,
  },
];
