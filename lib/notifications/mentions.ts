// "@Name" in an internal note: which teammates it names. Pure.

/**
 * The teammates a text mentions, by "@" and their whole name (any case), the longest names first
 * so "@Sofia Martin" is Sofia Martin, not a teammate called Sofia. A name must end at a word
 * boundary: "@Sofiane" does not mention Sofia.
 */
export function mentionedTeammates<T extends { id: string; name: string }>(text: string, teammates: T[]): T[] {
  let rest = text.toLocaleLowerCase();
  const found: T[] = [];
  for (const teammate of [...teammates].sort((a, b) => b.name.length - a.name.length)) {
    const name = teammate.name.trim().toLocaleLowerCase();
    if (!name) continue;
    const pattern = new RegExp(`@${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}_])`, "u");
    const match = pattern.exec(rest);
    if (!match) continue;
    found.push(teammate);
    // Taken out, so a shorter name inside it is not found again.
    rest = rest.slice(0, match.index) + " ".repeat(match[0].length) + rest.slice(match.index + match[0].length);
  }
  return found;
}

/** The "@..." being typed just before the caret, if any: what the autocomplete looks up. */
export function mentionBeingTyped(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([\p{L}\p{N}'’._-]*(?: [\p{L}\p{N}'’._-]*)?)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Teammates whose name starts with what is typed (any word of it, any case), at most `limit`. */
export function teammatesMatching<T extends { name: string }>(query: string, teammates: T[], limit = 5): T[] {
  const wanted = query.trim().toLocaleLowerCase();
  return teammates
    .filter((teammate) => {
      const name = teammate.name.toLocaleLowerCase();
      return !wanted || name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
    })
    .slice(0, limit);
}
