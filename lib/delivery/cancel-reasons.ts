// Why waiting messages are cancelled, and the text each keeps. Pure: the send rules read it too.

/** Why messages still waiting to go out are cancelled. */
export type CancelReason =
  | { kind: "customer_replied" }
  | { kind: "review_link_sent" }
  | { kind: "order_placed" }
  | { kind: "email_unsubscribed" }
  | { kind: "email_suppressed"; source: string }
  | { kind: "sms_opted_out" }
  | { kind: "data_erased" };

/** The reason each cancelled message keeps (ScheduledMessage.statusReason), as agents read it. */
export function cancelReasonText(reason: CancelReason): string {
  switch (reason.kind) {
    case "customer_replied":
      return "cancelled: the customer replied";
    case "review_link_sent":
      return "cancelled: the review link went with the thank-you";
    case "order_placed":
      return "cancelled: the order was placed";
    case "email_unsubscribed":
      return "cancelled: unsubscribed from email";
    case "email_suppressed":
      return `cancelled: ${reason.source}`;
    case "sms_opted_out":
      return "cancelled: opted out of SMS (STOP)";
    case "data_erased":
      return "cancelled: the customer's data was erased";
  }
}
