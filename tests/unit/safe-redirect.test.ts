import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps a path of the app, with its query and fragment", () => {
    expect(safeRedirectPath("/reports?from=2026-11-01&channel=sms#outcomes")).toBe(
      "/reports?from=2026-11-01&channel=sms#outcomes",
    );
    expect(safeRedirectPath("/inbox/cm3x9")).toBe("/inbox/cm3x9");
  });

  it.each([
    ["a backslash (decoded %5C)", "/\\evil.example"],
    ["a tab (decoded %09)", "/\t/evil.example"],
    ["a newline", "/\n/evil.example"],
    ["a protocol-relative URL", "//evil.example"],
    ["an absolute URL", "https://evil.example/inbox"],
    ["another scheme", "javascript:alert(1)"],
    ["a data URL", "data:text/html,hi"],
    ["an encoded slash at the start", "/%2F/evil.example"],
    ["an encoded backslash at the start", "/%5Cevil.example"],
    ["a dot segment that ends as //host", "/.//evil.example"],
    ["a relative path", "inbox"],
    ["nothing", ""],
  ])("refuses %s", (_what, value) => {
    expect(safeRedirectPath(value)).toBe("/inbox");
  });

  it("refuses what a browser would resolve to another host", () => {
    for (const value of ["/\\/evil.example", "/\t\\evil.example", "/ /evil.example".replace(" ", "\r")]) {
      expect(safeRedirectPath(value)).toBe("/inbox");
    }
  });
});
