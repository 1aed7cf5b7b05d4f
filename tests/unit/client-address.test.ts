import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/sign-in-throttle";

describe("clientAddress", () => {
  it("takes the address the trusted proxy appended, ignoring what the client wrote before it", () => {
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4, 198.51.100.7" }, 1)).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "spoofed, 203.0.113.9, 10.0.0.2" }), 2)).toBe("203.0.113.9");
  });

  it("falls back to the first entry when there are fewer than the hops, and to 'unknown' without the header", () => {
    expect(clientAddress({ "x-forwarded-for": "198.51.100.7" }, 2)).toBe("198.51.100.7");
    expect(clientAddress({}, 1)).toBe("unknown");
  });
});
