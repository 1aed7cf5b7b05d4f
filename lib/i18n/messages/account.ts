// The user's own account page: profile and password.
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
  },
  fr: {
    pageTitle: "Votre compte",
    pageDescription: "Le compte avec lequel vous êtes connecté, et votre mot de passe.",
    profileTitle: "Profil",
    name: "Nom",
    email: "E-mail",
    role: "Rôle",
    passwordTitle: "Changer votre mot de passe",
    passwordIntro: "Vos autres sessions (un autre navigateur, un téléphone perdu) sont déconnectées ; celle-ci reste ouverte.",
    currentPassword: "Mot de passe actuel",
    newPassword: "Nouveau mot de passe",
    newPasswordHint: "Au moins 10 caractères.",
    confirmPassword: "Nouveau mot de passe, encore",
    change: "Changer le mot de passe",
    changing: "Changement…",
    changed: "Votre mot de passe a été changé. Vos autres sessions sont déconnectées.",
  },
});
