// Words shared by every area's screens.
import { defineMessages } from "@/lib/i18n/translate";

export const commonMessages = defineMessages({
  en: {
    save: "Save",
    saving: "Saving…",
    saved: "Saved.",
    cancel: "Cancel",
    loading: "Loading…",
    tryAgain: "Try again",
    never: "Never",
    someFieldsNeedFixing: "Some fields need fixing.",
    serverUnreachable: "The server could not be reached. Nothing was lost; try again.",
  },
  fr: {
    save: "Enregistrer",
    saving: "Enregistrement…",
    saved: "Enregistré.",
    cancel: "Annuler",
    loading: "Chargement…",
    tryAgain: "Réessayer",
    never: "Jamais",
    someFieldsNeedFixing: "Certains champs sont à corriger.",
    serverUnreachable: "Impossible de joindre le serveur. Rien n'a été perdu ; réessayez.",
  },
});
