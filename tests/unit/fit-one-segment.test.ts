import { describe, expect, it } from "vitest";
import { fitOneSegment, shorterNames, toGsm7 } from "@/lib/sms/fit-one-segment";
import { smsSize } from "@/lib/sms/sms-segments";

describe("shorterNames", () => {
  it("cuts a word at a time, never ending on a linking word", () => {
    expect(shorterNames("Lampe Lune en céramique émaillée")).toEqual([
      "Lampe Lune en céramique",
      "Lampe Lune",
      "Lampe",
    ]);
    expect(shorterNames("Candle with a cedar lid")).toEqual(["Candle with a cedar", "Candle"]);
    expect(shorterNames("Théière")).toEqual([]);
  });
});

describe("fitOneSegment", () => {
  const render = (name: string | null) =>
    `Camille, c'est Léa d'Atelier Lune. Que pensez-vous de votre ${name} ? Un avis m'aiderait : https://inbox.atelierlune.shop/r/Xk3v9QpL STOP SMS`;

  it("keeps a name that fits, and shortens a long one at a word boundary until the SMS is one segment", () => {
    expect(fitOneSegment(render, "Théière en fonte")).toBe(render("Théière en fonte"));
    const long = "Théière en fonte émaillée bleu nuit édition limitée";
    const fitted = fitOneSegment(render, long);
    expect(smsSize(render(long)).segments).toBe(2);
    expect(smsSize(fitted).segments).toBe(1);
    expect(fitted).toContain("votre Théière en fonte émaillée ?");
  });

  it("keeps the full text when even one word cannot make it fit", () => {
    const wordy = (name: string | null) => `${"x".repeat(200)} ${name}`;
    expect(fitOneSegment(wordy, "Lampe Lune")).toBe(wordy("Lampe Lune"));
  });

  it("makes accents outside GSM-7 plain rather than paying three UCS-2 segments, trying the full name first", () => {
    const maelle = (name: string | null) =>
      `Maëlle, c'est Anaïs d'Atelier Lune. Que pensez-vous de votre ${name} ? Un avis m'aiderait : https://inbox.atelierlune.shop/r/Xk3v9QpL2a STOP SMS`;
    expect(smsSize(maelle("Théière")).segments).toBe(3);
    expect(fitOneSegment(maelle, "Théière")).toBe(
      "Maelle, c'est Anais d'Atelier Lune. Que pensez-vous de votre Théière ? Un avis m'aiderait : https://inbox.atelierlune.shop/r/Xk3v9QpL2a STOP SMS",
    );
    // A short text in UCS-2 that already fits one segment is sent as written.
    expect(fitOneSegment((name) => `Merci Maëlle pour ${name} !`, "la crêpière")).toBe(
      "Merci Maëlle pour la crêpière !",
    );
  });
});

describe("toGsm7", () => {
  it("keeps the GSM-7 accents and makes the others plain", () => {
    expect(toGsm7("Léa, Hélène, à, où, É, Ç")).toBe("Léa, Hélène, à, où, É, Ç");
    expect(toGsm7("Maëlle, Anaïs, crêpière, maître, ça, Noël, cœur")).toBe(
      "Maelle, Anais, crepière, maitre, ca, Noel, coeur",
    );
    expect(toGsm7("l’avis « merci » – 3 €…")).toBe(`l'avis " merci " - 3 €...`);
    expect(smsSize(toGsm7("Maëlle, ça va ? ♥")).encoding).toBe("UCS-2"); // no twin for a heart: kept
  });
});
