import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classifyLocally } from "@/lib/classification/local-classifier";

const label = (text: string) => {
  const { intent, sentiment, frictionHint } = classifyLocally(text);
  return { intent, sentiment, frictionHint };
};

describe("classifyLocally", () => {
  it("reads happy replies in both languages as praise", () => {
    expect(label("Super contente de la lampe ! Merci")).toEqual({ intent: "praise", sentiment: "positive", frictionHint: null });
    expect(label("it smells amazing, love it 😍")).toMatchObject({ intent: "praise", sentiment: "positive" });
  });

  it("finds the friction behind a problem", () => {
    expect(label("Le paiement a expiré pendant la validation avec ma banque, deux fois.")).toMatchObject({ intent: "problem", frictionHint: "payment_authentication" });
    expect(label("my card got declined, the zip is right though")).toMatchObject({ intent: "problem", frictionHint: "card_declined" });
    expect(label("les frais de port à 12€ pour une bougie c abusé")).toMatchObject({ intent: "problem", sentiment: "negative", frictionHint: "shipping_cost" });
    expect(label("colis arrivé écrasé, la lampe est cassée")).toMatchObject({ intent: "problem", sentiment: "negative", frictionHint: "delivery" });
  });

  it("keeps complaints that contain a keyword away from opt-out, and catches opt-outs written as sentences", () => {
    expect(label("stop charging me twice")).toMatchObject({ intent: "problem" });
    expect(label("help me my lamp broke")).toMatchObject({ intent: "problem" });
    expect(label("please stop texting me")).toMatchObject({ intent: "opt_out" });
    expect(label("ne m'écrivez plus merci")).toMatchObject({ intent: "opt_out" });
    expect(label("STOP")).toMatchObject({ intent: "opt_out", sentiment: "neutral" });
  });

  it("tells a question from a problem, and an auto-reply from a customer", () => {
    expect(label("do u ship to canada")).toMatchObject({ intent: "question", sentiment: "neutral" });
    expect(label("Réponse automatique : je suis en congés jusqu'au 6 janvier.")).toMatchObject({ intent: "other" });
    expect(label("love it but the lid is cracked")).toMatchObject({ intent: "problem" });
  });

  it("stays at or above 85% intent and sentiment accuracy on the hand-labelled replies", () => {
    const file = path.join(import.meta.dirname, "../fixtures/classifier/replies.jsonl");
    const examples = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { text: string; intent: string; sentiment: string });
    expect(examples.length).toBeGreaterThanOrEqual(200);
    const results = examples.map((e) => ({ e, got: classifyLocally(e.text) }));
    const intent = results.filter(({ e, got }) => got.intent === e.intent).length / examples.length;
    const sentiment = results.filter(({ e, got }) => got.sentiment === e.sentiment).length / examples.length;
    expect(intent).toBeGreaterThanOrEqual(0.85);
    expect(sentiment).toBeGreaterThanOrEqual(0.85);
  });
});
