// The audit log page (admins).
import { defineMessages } from "@/lib/i18n/translate";

export const auditMessages = defineMessages({
  en: {
    pageTitle: "Audit log",
    pageDescription:
      "Who did what, and when: settings, users, templates, conversations, customers' data. Newest first.",
    user: "Who",
    anyone: "Anyone",
    system: "System (webhooks, dispatcher)",
    action: "Action",
    anyAction: "Any action",
    from: "From",
    to: "To",
    filter: "Filter",
    clear: "Clear",
    when: "When",
    on: "On",
    details: "Details",
    none: "No entry matches these filters.",
    older: "Older entries",
    newest: "Back to the newest",
  },
  fr: {
    pageTitle: "Journal d'audit",
    pageDescription:
      "Qui a fait quoi, et quand : réglages, utilisateurs, modèles, conversations, données des clients. Les plus récents d'abord.",
    user: "Qui",
    anyone: "Tout le monde",
    system: "Système (webhooks, envoi automatique)",
    action: "Action",
    anyAction: "Toute action",
    from: "Du",
    to: "Au",
    filter: "Filtrer",
    clear: "Effacer",
    when: "Quand",
    on: "Sur",
    details: "Détails",
    none: "Aucune entrée ne correspond à ces filtres.",
    older: "Entrées plus anciennes",
    newest: "Revenir aux plus récentes",
  },
});
