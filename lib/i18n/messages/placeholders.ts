// The pages that say "not allowed" and "not found".
import { defineMessages } from "@/lib/i18n/translate";

export const placeholderMessages = defineMessages({
  en: {
    "forbidden.title": "Not allowed",
    "forbidden.cannotOpenArea": "Your role ({role}) cannot open {area}.",
    "forbidden.cannotOpenPage": "Your role ({role}) cannot open that page.",
    "forbidden.askAdmin": "Ask an admin if you need access.",
    "forbidden.backToInbox": "Back to the inbox",

    "notFound.title": "Page not found",
    "notFound.body": "There is nothing here: the conversation or page may have been removed, or the link is mistyped.",
    "notFound.backToInbox": "Back to the inbox",
  },
  fr: {
    "forbidden.title": "Accès refusé",
    "forbidden.cannotOpenArea": "Votre rôle ({role}) ne donne pas accès à la section « {area} ».",
    "forbidden.cannotOpenPage": "Votre rôle ({role}) ne donne pas accès à cette page.",
    "forbidden.askAdmin": "Demandez à un administrateur si vous avez besoin d'y accéder.",
    "forbidden.backToInbox": "Retour à la boîte de réception",

    "notFound.title": "Page introuvable",
    "notFound.body":
      "Il n'y a rien ici : la conversation ou la page a peut-être été supprimée, ou le lien est mal saisi.",
    "notFound.backToInbox": "Retour à la boîte de réception",
  },
});
