// An SMS is billed by the segment: a long product name or one "ë" should not make it two or
// three. Pure.
import { smsSize } from "@/lib/sms/sms-segments";

/** The name cut at word boundaries, a word at a time, longest first: "Lampe Lune en céramique" → "Lampe Lune en" → "Lampe Lune" → "Lampe". */
export function shorterNames(name: string): string[] {
  const words = name.trim().split(/\s+/);
  const names: string[] = [];
  for (let count = words.length - 1; count >= 1; count--) {
    // A cut never ends on a small linking word ("en", "de", "with").
    const kept = words.slice(0, count);
    while (
      kept.length > 1 &&
      /^(?:en|de|du|des|la|le|les|et|à|au|aux|pour|avec|sans|of|with|and|the|for|in|on|a|an)$/i.test(kept.at(-1)!)
    )
      kept.pop();
    const candidate = kept.join(" ");
    if (!names.includes(candidate)) names.push(candidate);
  }
  return names;
}

// Characters outside the GSM-7 alphabet that have a plain twin in it. One of them turns the whole
// SMS into UCS-2 (70 characters a segment instead of 160). é è à ù É are GSM-7 and stay.
const PLAIN_TWINS: Record<string, string> = {
  "’": "'",
  "‘": "'",
  "“": '"',
  "”": '"',
  "«": '"',
  "»": '"',
  "–": "-",
  "—": "-",
  "…": "...",
  "\u00a0": " ",
  "\u202f": " ",
  œ: "oe",
  Œ: "OE",
  ç: "c",
};

/** The text with accents outside GSM-7 made plain (ë → e, ê → e, ç → c, ’ → '), everything else kept. */
export function toGsm7(text: string): string {
  return [...text]
    .map((char) => {
      if (smsSize(char).encoding === "GSM-7") return char;
      if (PLAIN_TWINS[char]) return PLAIN_TWINS[char];
      const base = char.normalize("NFD").replace(/\p{M}+/gu, "");
      return base !== char && smsSize(base).encoding === "GSM-7" ? base : char;
    })
    .join("");
}

/**
 * Renders the SMS so it costs one segment when it can: as written; else with the product's name
 * cut at a word; else with accents outside GSM-7 made plain ("Maëlle" → "Maelle"), the full name
 * first. When nothing fits, the text as written is kept (the report counts its segments).
 */
export function fitOneSegment(render: (productName: string | null) => string, productName: string | null): string {
  const names = [productName, ...(productName ? shorterNames(productName) : [])];
  const full = render(productName);
  for (const transform of [(text: string) => text, toGsm7]) {
    for (const name of names) {
      const text = transform(name === productName ? full : render(name));
      if (smsSize(text).segments <= 1) return text;
    }
  }
  return full;
}
