// Where a template's {{variables}} go wrong, to show the error at its place. Pure.
import { TEMPLATE_VARIABLES } from "@/lib/templates/render-template";

export type VariableProblem = {
  name: string;
  line: number;
  column: number;
  suggestion: string | null;
  message: string;
};

const PLACEHOLDER = /\{\{\s*([^}|]*?)\s*(?:\|[^}]*)?\}\}/g;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(
        row[j]! + 1,
        row[j - 1]! + 1,
        previous + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The closest known variable when a name looks like a typo of one. */
function closest(name: string): string | null {
  let best: { variable: string; score: number } | null = null;
  for (const variable of TEMPLATE_VARIABLES) {
    const score = distance(name, variable);
    if (!best || score < best.score) best = { variable, score };
  }
  return best && best.score <= Math.max(2, Math.floor(best.variable.length / 3)) ? best.variable : null;
}

/** Unknown or misspelt variables, and braces left open, with their line and column (1-based). */
export function variableProblems(text: string): VariableProblem[] {
  const problems: VariableProblem[] = [];
  const at = (index: number) => {
    const before = text.slice(0, index);
    const line = before.split("\n").length;
    return { line, column: index - before.lastIndexOf("\n") };
  };
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if ((TEMPLATE_VARIABLES as readonly string[]).includes(name)) continue;
    const suggestion = closest(name);
    problems.push({
      name,
      ...at(match.index!),
      suggestion,
      message: `Unknown variable {{${name}}}${suggestion ? `: did you mean {{${suggestion}}}?` : ""}`,
    });
  }
  // "{{firstName" with no closing braces would go out raw.
  const withoutPlaceholders = text.replace(PLACEHOLDER, (whole) => " ".repeat(whole.length));
  for (const match of withoutPlaceholders.matchAll(/\{\{|\}\}/g)) {
    problems.push({
      name: match[0],
      ...at(match.index!),
      suggestion: null,
      message: `Unmatched "${match[0]}": variables are written {{name}}`,
    });
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
