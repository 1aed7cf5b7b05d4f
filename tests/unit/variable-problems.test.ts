import { describe, expect, it } from "vitest";
import { lineDiff } from "@/lib/templates/line-diff";
import { variableProblems } from "@/lib/templates/variable-problems";

describe("variableProblems", () => {
  it("accepts known variables, with or without a fallback", () => {
    expect(variableProblems("Hi {{firstName}}, your {{ productName | order }}: {{reviewLink}}")).toEqual([]);
  });
  it("points at a misspelt variable and suggests the right one", () => {
    expect(variableProblems("Hello,\nthanks {{frstName}}!")).toEqual([
      {
        name: "frstName",
        line: 2,
        column: 8,
        suggestion: "firstName",
        message: "Unknown variable {{frstName}}: did you mean {{firstName}}?",
      },
    ]);
    expect(variableProblems("{{reviewlink}}")[0]).toMatchObject({ suggestion: "reviewLink" });
  });
  it("names an unknown variable without a far-fetched suggestion", () => {
    expect(variableProblems("{{discountCode}}")).toMatchObject([
      { name: "discountCode", suggestion: null, message: "Unknown variable {{discountCode}}" },
    ]);
  });
  it("catches braces left open, which would go out raw", () => {
    expect(variableProblems("Hi {{firstName, see you")).toMatchObject([{ name: "{{", line: 1, column: 4 }]);
  });
});

describe("lineDiff", () => {
  it("marks added and removed lines", () => {
    expect(lineDiff("a\nb\n", "a\nc\n")).toEqual([
      { kind: "same", text: "a\n" },
      { kind: "removed", text: "b\n" },
      { kind: "added", text: "c\n" },
    ]);
  });
});
