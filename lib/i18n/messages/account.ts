// The user's own account page: profile, time zone and password.
import { defineMessages } from "@/lib/i18n/translate";

export const accountMessages = defineMessages({
  en: {
    pageTitle: "Your account",
    pageDescription: "Who you are signed in as, and your password.",
    profileTitle: "Profile",
    name: "Name",
    email: "Email",
    role: "Role",
    passwordTitle: "Change your password",
    passwordIntro: "Your other sessions (another browser, a lost phone) are signed out; this one stays.",
    currentPassword: "Current password",
    newPassword: "New password",
    newPasswordHint: "At least 10 characters.",
    confirmPassword: "New password again",
    change: "Change password",
    changing: "Changing…",
    changed: "Your password was changed. Your other sessions are signed out.",
    timeZoneTitle: "Time zone",
    timeZoneIntro:
      "Every time in the app is shown in this zone. Sequences and quiet hours stay in the customer's zone, and say so.",
    timeZoneLabel: "Show times in",
    timeZoneAuto: "Use my browser's time zone ({zone})",
    timeZoneSave: "Save time zone",
    timeZoneSaved: "Times are now shown in {zone}.",
  },
  fr: {
    pageTitle: "Votre compte",
    pageDescription: "Le compte avec lequel vous êtes connecté, et votre mot de passe.",
    profileTitle: "Profil",
    name: "Nom",
    email: "E-mail",
    role: "Rôle",
    passwordTitle: "Changer votre mot de passe",
    passwordIntro:
      "Vos autres sessions (un autre navigateur, un téléphone perdu) sont déconnectées ; celle-ci reste ouverte.",
    currentPassword: "Mot de passe actuel",
    newPassword: "Nouveau mot de passe",
    newPasswordHint: "Au moins 10 caractères.",
    confirmPassword: "Nouveau mot de passe, encore",
    change: "Changer le mot de passe",
    changing: "Changement…",
    changed: "Votre mot de passe a été changé. Vos autres sessions sont déconnectées.",
    timeZoneTitle: "Fuseau horaire",
    timeZoneIntro:
      "Toutes les heures de l'application sont affichées dans ce fuseau. Les séquences et les heures calmes restent dans le fuseau du client, et le disent.",
    timeZoneLabel: "Afficher les heures en",
    timeZoneAuto: "Utiliser le fuseau de mon navigateur ({zone})",
    timeZoneSave: "Enregistrer le fuseau",
    timeZoneSaved: "Les heures sont maintenant affichées en {zone}.",
  },
});
