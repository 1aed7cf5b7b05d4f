// The sign-in page and form.
import { defineMessages } from "@/lib/i18n/translate";

export const authMessages = defineMessages({
  en: {
    pageTitle: "Sign in",
    heading: "Sign in to Reply Inbox",
    intro: "Use the email and password your admin gave you.",
    email: "Email",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    missingFields: "Enter your email and your password.",
    wrongCredentials: "Wrong email or password.",
    failed: "Sign-in failed. Please try again.",
    unreachable: "The server could not be reached. Check your connection and try again.",
  },
  fr: {
    pageTitle: "Connexion",
    heading: "Connexion à Reply Inbox",
    intro: "Utilisez l'e-mail et le mot de passe que votre administrateur vous a donnés.",
    email: "E-mail",
    password: "Mot de passe",
    submit: "Se connecter",
    submitting: "Connexion en cours…",
    missingFields: "Saisissez votre e-mail et votre mot de passe.",
    wrongCredentials: "E-mail ou mot de passe incorrect.",
    failed: "La connexion a échoué. Veuillez réessayer.",
    unreachable: "Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.",
  },
});
