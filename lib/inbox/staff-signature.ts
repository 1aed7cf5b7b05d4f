// The signature under a person's email reply: shown read-only in the composer, appended once when
// sent. Pure, so the composer and the sender use the same text.

/** The agent's name, then the shop's. */
export function staffSignature(agentName: string, shopName: string): string {
  return [agentName.trim(), shopName.trim()].filter(Boolean).join("\n");
}

// "— Sofia", "-- Sofia", "Sofia," all sign the same way.
const normalize = (line: string) =>
  line
    .trim()
    .replace(/^[-–—~\s]+/, "")
    .replace(/[,.\s]+$/, "")
    .toLowerCase();

/**
 * The reply without a sign-off the agent typed that repeats the signature appended below it
 * (the whole signature, or just the agent's name on the last line): the customer reads it once.
 */
export function withoutTypedSignature(text: string, signature: string): string {
  const lines = text.trimEnd().split("\n");
  const signed = signature.split("\n").map(normalize).filter(Boolean);
  const tail = lines.slice(-signed.length).map(normalize);
  let kept =
    signed.length > 0 && tail.length === signed.length && tail.every((line, i) => line === signed[i])
      ? lines.slice(0, -signed.length)
      : lines;
  if (kept.length > 1 && signed[0] && normalize(kept.at(-1)!) === signed[0]) kept = kept.slice(0, -1);
  // A separator or an empty line left above the removed sign-off.
  while (kept.length > 1 && /^\s*(--)?\s*$/.test(kept.at(-1)!)) kept = kept.slice(0, -1);
  return kept.join("\n").trimEnd();
}

/** The From of a teammate's email: "Sofia · Atelier Lune" <the shop's sender address>. */
export function staffFromAddress(actorName: string, shopName: string, senderEmail: string): string {
  return `"${`${actorName} · ${shopName}`.replace(/"/g, "")}" <${senderEmail}>`;
}
