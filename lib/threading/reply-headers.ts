// What makes our mail land in the customer's existing thread in their mail client. Pure.

/** The inbound address with the conversation's token after "+"; Postmark hands it back as MailboxHash. */
export function replyToAddress(inbound: string | undefined, mailboxHash: string): string | null {
  if (!inbound) return null;
  const [local, domain] = inbound.split("@");
  return `${local}+${mailboxHash}@${domain}`;
}

/**
 * Our Message-ID for a mail we send: the id of what it records (an automated message "sm", a
 * staff reply "reply") on the sender's domain, so the customer's answer threads back to it.
 */
export function ourMessageId(kind: "sm" | "reply", id: string, senderEmail: string): string {
  return `<${kind}-${id}@${senderEmail.split("@")[1]}>`;
}

/** "Re: <subject>" once, whatever prefixes the customer's client added. */
export function replySubject(subject: string): string {
  return `Re: ${subject.replace(/^((re|tr|fwd?|aw)\s*:\s*)+/i, "")}`;
}

/** In-Reply-To the last Message-ID answered, References the whole chain. */
export function threadingHeaders(replyingTo: string[]): { name: string; value: string }[] {
  if (replyingTo.length === 0) return [];
  return [
    { name: "In-Reply-To", value: replyingTo.at(-1)! },
    { name: "References", value: replyingTo.join(" ") },
  ];
}

/** The chain a reply to this mail continues: its References, then its own Message-ID. */
export function chainAfter(message: { emailMessageId: string | null; references: string | null }): string[] {
  if (!message.emailMessageId) return [];
  const earlier = message.references?.split(/\s+/).filter(Boolean) ?? [];
  return [...earlier.filter((id) => id !== message.emailMessageId), message.emailMessageId];
}
