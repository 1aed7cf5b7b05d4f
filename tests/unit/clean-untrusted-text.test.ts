import { describe, expect, it } from "vitest";
import { cleanUntrustedText, parseUntrustedJson } from "@/lib/http/clean-untrusted-text";

describe("cleanUntrustedText", () => {
  it("replaces lone surrogates and NUL, and keeps real pairs and ordinary text", () => {
    expect(cleanUntrustedText("a\uD800b")).toBe("a\uFFFDb");
    expect(cleanUntrustedText("\uDC00end")).toBe("\uFFFDend");
    expect(cleanUntrustedText("nul\u0000")).toBe("nul\uFFFD");
    expect(cleanUntrustedText("Léa 😀 ARRÊT")).toBe("Léa 😀 ARRÊT");
  });

  it("cleans every string of a JSON body, keys included, and leaves other values alone", () => {
    expect(parseUntrustedJson('{"name":"x\\ud800","list":["\\u0000",1,true,null],"k\\udc00":{"n":2.5}}')).toEqual({
      name: "x\uFFFD",
      list: ["\uFFFD", 1, true, null],
      "k\uFFFD": { n: 2.5 },
    });
    expect(() => parseUntrustedJson("{nope")).toThrow(SyntaxError);
  });
});
