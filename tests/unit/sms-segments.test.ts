import { describe, expect, it } from "vitest";
import { smsSize } from "@/lib/sms/sms-segments";

describe("smsSize", () => {
  it("counts GSM-7 texts in 160, then 153-character segments", () => {
    expect(smsSize("a".repeat(160))).toMatchObject({ encoding: "GSM-7", segments: 1 });
    expect(smsSize("a".repeat(161))).toMatchObject({ encoding: "GSM-7", segments: 2 });
    expect(smsSize("a".repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSize("a".repeat(307))).toMatchObject({ segments: 3 });
  });

  it("keeps French accents of the GSM set in GSM-7, and counts € twice", () => {
    expect(smsSize("Merci, à très vite ! Prix : 5€")).toMatchObject({ encoding: "GSM-7", units: 31 });
  });

  it("switches to UCS-2 for other characters and names them", () => {
    const size = smsSize("Ça va ? Votre lampe vous plaît ? 🌙");
    expect(size.encoding).toBe("UCS-2");
    expect(size.nonGsmCharacters.sort()).toEqual(["î", "🌙"]);
    expect(smsSize("ê".repeat(70)).segments).toBe(1);
    expect(smsSize("ê".repeat(71)).segments).toBe(2);
  });
});
