// The providers' wire formats for what the demo Outbox plays back as if Postmark and Twilio had
// sent it: a delivery report, a customer's reply. The simulator builds its webhooks from them too.

/** The Twilio account a callback names. */
type TwilioAccount = { twilioAccountSid: string; twilioFromNumber: string };

/** Postmark's Delivery event body. */
export function postmarkDeliveryBody(messageId: string, recipient: string, at: Date) {
  return {
    RecordType: "Delivery",
    ServerID: 23,
    MessageStream: "outbound",
    MessageID: messageId,
    Recipient: recipient,
    Tag: "",
    DeliveredAt: at.toISOString(),
    Details: "Test delivery webhook details",
    Metadata: {},
  };
}

export type EmailReply = {
  messageId: string;
  from: { email: string; name: string };
  to: string;
  mailboxHash: string | null;
  subject: string;
  text: string;
  inReplyTo: string | null;
  emailMessageId: string;
  date: Date;
};

/** Postmark's inbound webhook body for a customer's reply, quoting what they answer. */
export function postmarkInboundBody(reply: EmailReply, quoted: string) {
  const quote = quoted
    .split("\n")
    .slice(0, 6)
    .map((line) => `> ${line}`)
    .join("\n");
  return {
    FromName: reply.from.name,
    MessageStream: "inbound",
    From: reply.from.email,
    FromFull: { Email: reply.from.email, Name: reply.from.name, MailboxHash: "" },
    To: reply.to,
    ToFull: [{ Email: reply.to, Name: "", MailboxHash: reply.mailboxHash ?? "" }],
    OriginalRecipient: reply.to,
    Subject: reply.subject,
    MessageID: reply.messageId,
    Date: reply.date.toUTCString().replace("GMT", "+0000"),
    MailboxHash: reply.mailboxHash ?? "",
    TextBody: `${reply.text}\n\n${quote}\n`,
    HtmlBody: "",
    StrippedTextReply: reply.text,
    Tag: "",
    Headers: [
      // Postmark's receiving server puts its SPF verdict on top; the simulated customers' mail is genuine.
      {
        Name: "Received-SPF",
        Value: `Pass (sender SPF authorized) identity=mailfrom; envelope-from=${reply.from.email}; receiver=${reply.to}`,
      },
      { Name: "Message-ID", Value: reply.emailMessageId },
      ...(reply.inReplyTo
        ? [
            { Name: "In-Reply-To", Value: reply.inReplyTo },
            { Name: "References", Value: reply.inReplyTo },
          ]
        : []),
      { Name: "MIME-Version", Value: "1.0" },
    ],
    Attachments: [],
  };
}

/** Twilio's inbound SMS webhook parameters. */
export function twilioInboundSmsParams(
  sid: string,
  from: string,
  country: string,
  body: string,
  account: TwilioAccount,
): Record<string, string> {
  return {
    ToCountry: "FR",
    SmsMessageSid: sid,
    NumMedia: "0",
    SmsSid: sid,
    SmsStatus: "received",
    Body: body,
    FromCountry: country,
    To: account.twilioFromNumber,
    NumSegments: "1",
    MessageSid: sid,
    AccountSid: account.twilioAccountSid,
    From: from,
    ApiVersion: "2010-04-01",
  };
}

/** Twilio's status callback parameters. */
export function twilioStatusParams(
  sid: string,
  to: string,
  status: "sent" | "delivered" | "undelivered",
  account: TwilioAccount,
): Record<string, string> {
  const params: Record<string, string> = {
    SmsSid: sid,
    SmsStatus: status,
    MessageStatus: status,
    To: to,
    MessageSid: sid,
    AccountSid: account.twilioAccountSid,
    From: account.twilioFromNumber,
    ApiVersion: "2010-04-01",
  };
  if (status === "undelivered")
    Object.assign(params, { ErrorCode: "30003", ErrorMessage: "Unreachable destination handset" });
  return params;
}
