import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/reports/to-csv";

describe("toCsv", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(
      toCsv(
        ["name", "n"],
        [
          ['Ana, "la" cliente', 3],
          ['=HYPERLINK("x")', null],
          ["multi\nline", -2],
        ],
      ),
    ).toBe('name,n\r\n"Ana, ""la"" cliente",3\r\n"\'=HYPERLINK(""x"")",\r\n"multi\nline",-2\r\n');
  });
});
