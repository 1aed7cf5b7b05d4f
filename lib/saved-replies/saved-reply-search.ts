// "#" in the composer: the saved reply being looked up, and which ones match. Pure.

/** The "#..." typed just before the caret (at the start or after a space), if any. */
export function savedReplyBeingTyped(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)#([^\s#][^\n#]{0,39}|)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Lower case without accents: "Expiré" finds "expire". */
export const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();

/**
 * Saved replies whose name or folder has a word starting with each word typed (any case, any
 * accent), in the order given (the customer's language first), at most `limit`.
 */
export function savedRepliesMatching<T extends { name: string; folder: string }>(
  query: string,
  replies: readonly T[],
  limit = 8,
): T[] {
  const wanted = fold(query).split(/\s+/).filter(Boolean);
  return replies
    .filter((reply) => {
      const words = fold(`${reply.folder} ${reply.name}`).split(/[^\p{L}\p{N}]+/u);
      return wanted.every((part) => words.some((word) => word.startsWith(part)));
    })
    .slice(0, limit);
}
