// A teammate's notifications: the list page and the link with its count.
import { defineMessages } from "@/lib/i18n/translate";

export const notificationsMessages = defineMessages({
  en: {
    pageTitle: "Notifications",
    pageDescription:
      "A customer answered a conversation assigned to you, a teammate assigned you one or mentioned you in a note. Opening the conversation reads them.",
    link: "Notifications",
    unread_one: "{count} unread notification",
    unread_other: "{count} unread notifications",
    empty:
      "Nothing for you yet. When a customer answers one of your conversations, or a teammate assigns or mentions you, it shows here.",
    markAllRead: "Mark all as read",
    markedRead_one: "{count} notification marked as read.",
    markedRead_other: "{count} notifications marked as read.",
    unreadLabel: "Unread",
    kind_customer_replied: "{customer} answered your conversation",
    kind_assigned: "{actor} assigned you the conversation with {customer}",
    kind_mentioned: "{actor} mentioned you in a note on {customer}",
    someone: "A teammate",
    aCustomer: "a customer",
    digestSubject: "{shop}: what waits for you in Reply Inbox",
    digestIntro: "Good morning {name}, here is what you have not read yet:",
    digestMore: "…and more in the app.",
    digestFooter: "You get this daily digest because you turned it on. Turn it off in your account: {url}",
    digestTitle: "Daily email digest",
    digestLabel: "Email me each morning (8:00, my time zone) what I have not read: answers, assignments, mentions",
    digestHint: "Nothing unread, no email.",
    digestSaved: "Saved.",
    digestSave: "Save",
    digestPointer: "Rather have them by email each morning?",
    digestPointerLink: "Turn on the daily digest in your account",
  },
  fr: {
    pageTitle: "Notifications",
    pageDescription:
      "Un client a répondu dans une conversation qui vous est assignée, un collègue vous en a assigné une ou vous a mentionné dans une note. Ouvrir la conversation les marque comme lues.",
    link: "Notifications",
    unread_one: "{count} notification non lue",
    unread_other: "{count} notifications non lues",
    empty:
      "Rien pour vous pour l'instant. Quand un client répond dans l'une de vos conversations, ou qu'un collègue vous assigne ou vous mentionne, cela apparaît ici.",
    markAllRead: "Tout marquer comme lu",
    markedRead_one: "{count} notification marquée comme lue.",
    markedRead_other: "{count} notifications marquées comme lues.",
    unreadLabel: "Non lue",
    kind_customer_replied: "{customer} a répondu dans votre conversation",
    kind_assigned: "{actor} vous a assigné la conversation avec {customer}",
    kind_mentioned: "{actor} vous a mentionné dans une note sur {customer}",
    someone: "Un collègue",
    aCustomer: "un client",
    digestSubject: "{shop} : ce qui vous attend dans Reply Inbox",
    digestIntro: "Bonjour {name}, voici ce que vous n'avez pas encore lu :",
    digestMore: "…et d'autres dans l'application.",
    digestFooter:
      "Vous recevez ce résumé quotidien parce que vous l'avez activé. Désactivez-le dans votre compte : {url}",
    digestTitle: "Résumé quotidien par e-mail",
    digestLabel:
      "M'envoyer chaque matin (8 h, mon fuseau horaire) ce que je n'ai pas lu : réponses, assignations, mentions",
    digestHint: "Rien de non lu, pas d'e-mail.",
    digestSaved: "Enregistré.",
    digestSave: "Enregistrer",
    digestPointer: "Vous les préférez par e-mail chaque matin ?",
    digestPointerLink: "Activez le résumé quotidien dans votre compte",
  },
});
