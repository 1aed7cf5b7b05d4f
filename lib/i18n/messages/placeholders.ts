// The pages that say what is coming (templates, reports), and the pages that say "not allowed" and "not found".
import { defineMessages } from "@/lib/i18n/translate";

export const placeholderMessages = defineMessages({
  en: {
    notBuiltYet: "Not built yet",
    plannedIn: "Planned in {plan}. Nothing on this page works yet.",

    "reports.title": "Reports",
    "reports.description": "What keeps going wrong for customers, and whether the founder-voice messages work.",
    "reports.what":
      "The friction report (by category, over time, with fixes) and the outcome metrics per flow and channel.",
    "reports.plan": "issue #7 (friction report and metrics)",

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
    notBuiltYet: "Pas encore disponible",
    plannedIn: "Prévu dans {plan}. Rien ne fonctionne encore sur cette page.",

    "reports.title": "Rapports",
    "reports.description":
      "Ce qui coince encore pour les clients, et si les messages au nom du fondateur fonctionnent.",
    "reports.what":
      "Le rapport des points de friction (par catégorie, dans le temps, avec les correctifs) et les indicateurs de résultat par parcours et par canal.",
    "reports.plan": "le ticket nº 7 (rapport de friction et indicateurs)",

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
