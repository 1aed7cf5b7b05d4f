// The frame around every staff page: navigation, the signed-in user, the channel banner.
import { defineMessages } from "@/lib/i18n/translate";

export const shellMessages = defineMessages({
  en: {
    "area.inbox": "Inbox",
    "area.savedReplies": "Saved replies",
    "area.templates": "Templates",
    "area.reports": "Reports",
    "area.settings": "Settings",
    "area.users": "Users",
    "area.connections": "Connections",
    "area.audit": "Audit log",
    "area.outbox": "Outbox (demo)",
    "role.agent": "Support agent",
    "role.founder": "Founder",
    "role.manager": "Manager",
    "role.admin": "Admin",
    mainNavigation: "Main",
    signOut: "Sign out",
    yourAccount: "Your account",
    language: "Language",
    languageAuto: "Automatic (browser)",
    channelsMissing:
      "Not configured, so nothing is sent or received on: {channels}. Set these in the environment and restart.",
    channelEmail: "Email (Postmark: {variables})",
    channelSms: "SMS (Twilio: {variables})",
    silentPostmark:
      "Postmark has sent no delivery event for more than {hours} hours, while {count} emails went out since its last one: its webhook may point to an old address or use an old password.",
    silentTwilio:
      "Twilio has sent no status callback for more than {hours} hours, while {count} SMS went out since its last one: check APP_URL and TWILIO_AUTH_TOKEN.",
    checkConnections: "Check Connections",
  },
  fr: {
    "area.inbox": "Boîte de réception",
    "area.savedReplies": "Réponses enregistrées",
    "area.templates": "Modèles",
    "area.reports": "Rapports",
    "area.settings": "Paramètres",
    "area.users": "Utilisateurs",
    "area.connections": "Connexions",
    "area.audit": "Journal d'audit",
    "area.outbox": "Boîte d'envoi (démo)",
    "role.agent": "Agent de support",
    "role.founder": "Fondateur",
    "role.manager": "Responsable",
    "role.admin": "Administrateur",
    mainNavigation: "Principale",
    signOut: "Se déconnecter",
    yourAccount: "Votre compte",
    language: "Langue",
    languageAuto: "Automatique (navigateur)",
    channelsMissing:
      "Non configuré : rien n'est envoyé ni reçu par {channels}. Définissez ces variables dans l'environnement, puis redémarrez.",
    channelEmail: "E-mail (Postmark : {variables})",
    channelSms: "SMS (Twilio : {variables})",
    silentPostmark:
      "Postmark n'a envoyé aucun événement de remise depuis plus de {hours} heures, alors que {count} e-mails sont partis depuis le dernier : son webhook pointe peut-être vers une ancienne adresse ou utilise un ancien mot de passe.",
    silentTwilio:
      "Twilio n'a envoyé aucun rappel de statut depuis plus de {hours} heures, alors que {count} SMS sont partis depuis le dernier : vérifiez APP_URL et TWILIO_AUTH_TOKEN.",
    checkConnections: "Vérifier les connexions",
  },
});
