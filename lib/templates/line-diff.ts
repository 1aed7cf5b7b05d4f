// A line-by-line comparison of two texts, for the version history and the audit log. Pure.
import { diffLines } from "diff";

export type DiffPart = { kind: "added" | "removed" | "same"; text: string };

export function lineDiff(before: string, after: string): DiffPart[] {
  return diffLines(before, after).map((part) => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
}
