// The customer's own words, without the quoted mail below them, in English and French. Pure.
// Used when Postmark gives no StrippedTextReply.

const ATTRIBUTION = [
  /^On .+wrote:\s*$/i, // On Mon, 23 Nov 2026 at 09:02, Léa <lea@…> wrote:
  /^Le .+a écrit\s*:\s*$/i, // Le lun. 23 nov. 2026 à 09:02, Léa <lea@…> a écrit :
  /^-+\s*(Original Message|Message d'origine|Forwarded message|Message transféré)\s*-+$/i,
  /^(From|De)\s*:\s.+$/i, // Outlook-style header block
];

export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    // Gmail wraps long attributions over two lines: "On …, Léa <lea@" / "example.com> wrote:".
    const joined = `${line} ${lines[i + 1]?.trim() ?? ""}`;
    if (ATTRIBUTION.some((pattern) => pattern.test(line))) {
      end = i;
      break;
    }
    if (/^(On|Le)\s/i.test(line) && ATTRIBUTION.slice(0, 2).some((pattern) => pattern.test(joined))) {
      end = i;
      break;
    }
    if (line.startsWith(">") && lines.slice(i).every((rest) => rest.trim() === "" || rest.trim().startsWith(">"))) {
      end = i;
      break;
    }
  }
  return lines.slice(0, end).join("\n").trim();
}
