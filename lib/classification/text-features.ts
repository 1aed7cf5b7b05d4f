// What the reply model sees of a text: hashed word unigrams and bigrams, character n-grams
// (which carry French and English stems, typos, SMS spellings and missing accents), and a few
// cues (a question mark, shouting, the kind of emoji, the length). Pure and deterministic: the
// same text gives the same features in training and in production.

export type SparseFeatures = { indexes: Uint32Array; values: Float32Array };

const POSITIVE_EMOJI = /[😍❤🥰😊🙏✨💕😀😃😄🤩💯🌟⭐🙂😁💖👍👌🎉😻💛💚💙💜🤗☺🙌🔥💐🌸]/u;
const NEGATIVE_EMOJI = /[😡😠🤬😤👎💔😒🙄😞😢😭😩😫😣😖😕🙁☹😬🤦]/u;

/** Each emoji as a word of its own ("emoji1f60d"), with its family: liked, disliked or other. */
function emojiWords(emoji: string): string {
  const family = POSITIVE_EMOJI.test(emoji) ? "emojipos" : NEGATIVE_EMOJI.test(emoji) ? "emojineg" : "emojiother";
  return ` ${family} emoji${emoji.codePointAt(0)!.toString(16)} `;
}

/** Lower case, accents dropped, emoji, links and numbers turned into words. */
export function normalizeForModel(raw: string): string {
  return raw
    .replace(/\p{Extended_Pictographic}/gu, emojiWords)
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/https?:\/\/\S+/g, " urltoken ")
    .replace(/[’`´]/g, "'")
    .replace(/\d+([.,]\d+)?/g, (digits) => ` ${digits.length > 2 ? "numtoken" : digits} `)
    .replace(/([?!])/g, " $1 ")
    .replace(/[^\p{L}\p{N}'?!\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const CONTRAST = new Set([
  "but",
  "however",
  "though",
  "although",
  "except",
  "mais",
  "sauf",
  "cependant",
  "pourtant",
  "toutefois",
  "seulement",
]);

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function cues(raw: string, words: string[]): string[] {
  const letters = raw.replace(/[^\p{L}]/gu, "");
  const upper = raw.replace(/[^\p{Lu}]/gu, "");
  const found = [
    `len:${words.length <= 2 ? "tiny" : words.length <= 8 ? "short" : words.length <= 30 ? "medium" : "long"}`,
  ];
  if (raw.includes("?")) found.push("cue:question");
  if (/!{2,}|\?{2,}|[!?]{3,}/.test(raw)) found.push("cue:insist");
  if (letters.length >= 6 && upper.length / letters.length > 0.7) found.push("cue:shout");
  if (/…|\.\.\./.test(raw)) found.push("cue:ellipsis");
  return found;
}

/**
 * The features of a text, hashed into `2^bits` buckets, each present feature with the same
 * weight, and the vector scaled to length 1 so a long email does not outweigh a short SMS.
 */
export function textFeatures(raw: string, bits: number): SparseFeatures {
  const text = normalizeForModel(raw.slice(0, 3000));
  const words = text.split(" ").filter(Boolean);
  const features = new Set<string>(cues(raw, words));
  // Words after "but" carry the point of a mixed reply ("love it but the cable is too short").
  let afterContrast = false;
  for (let i = 0; i < words.length; i++) {
    features.add(`w:${words[i]}`);
    if (afterContrast) features.add(`after-but:${words[i]}`);
    if (CONTRAST.has(words[i]!)) afterContrast = true;
    if (i + 1 < words.length) features.add(`b:${words[i]} ${words[i + 1]}`);
  }
  // The last sentence often asks the question or says what is wrong.
  const sentences = text.split(/ [.!?]+ | [!?]$|\n/).filter((part) => part.trim());
  for (const word of (sentences.at(-1) ?? "").split(" ").filter(Boolean)) features.add(`last:${word}`);
  const padded = ` ${text} `;
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= padded.length; i++) features.add(`c:${padded.slice(i, i + n)}`);
  }
  const mask = (1 << bits) - 1;
  const counts = new Map<number, number>();
  for (const feature of features) {
    const index = hash(feature) & mask;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  const indexes = Uint32Array.from(counts.keys());
  const values = Float32Array.from(counts.values());
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  for (let i = 0; i < values.length; i++) values[i]! /= norm;
  return { indexes, values };
}
