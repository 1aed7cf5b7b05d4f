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
  },
});
