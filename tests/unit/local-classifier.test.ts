import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INTENTS, SENTIMENTS } from "@/lib/classification/classification";
import { classifyLocally } from "@/lib/classification/local-classifier";
import { parseCorpus } from "@/lib/classification/reply-corpus";
import storedModel from "@/lib/classification/reply-model.json";
import { textFeatures } from "@/lib/classification/text-features";
import { trainReplyModel, type StoredReplyModel } from "@/lib/classification/train-reply-model";

// The figures live in `npm run eval:classifier` (the test part) and the integration test that
// sends the test part through the webhooks. Here: the rules around the model.

const corpusDir = path.join(import.meta.dirname, "../fixtures/classifier/corpus");
const shipped = storedModel as StoredReplyModel;

describe("classifyLocally", () => {
  it("reads the carrier keywords exactly, with full confidence, in any case and accent", () => {
    for (const keyword of ["STOP", " stop ", "Arrêt", "ARRET", "unsubscribe", "STOPALL"]) {
      expect(classifyLocally(keyword), keyword).toMatchObject({
        intent: "opt_out",
        sentiment: "neutral",
        confidence: 1,
        frictionHint: null,
      });
    }
  });

  it("gives labels the definitions allow together, a friction only to problems, and confidences between 0 and 1", () => {
    const texts = [
      "Nice lamp but the cable is way too short",
      "Génial… encore un colis perdu",
      "merci !!! elle est sublime 😍",
      "Vous livrez en Suisse ?",
      "who is this?",
      "ok",
    ];
    for (const text of texts) {
      const label = classifyLocally(text);
      expect(INTENTS).toContain(label.intent);
      expect(SENTIMENTS).toContain(label.sentiment);
      if (label.intent === "praise") expect(label.sentiment, text).toBe("positive");
      if (label.intent === "problem") expect(label.sentiment, text).not.toBe("positive");
      expect(label.frictionHint === null, text).toBe(label.intent !== "problem");
      expect(label.confidence).toBeGreaterThan(0);
      expect(label.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe("the shipped model", () => {
  it("was trained on the training files only, never on the test part", () => {
    const trainingFiles = readdirSync(corpusDir)
      .filter((name) => name.startsWith("train-"))
      .sort();
    expect(shipped.trainedOn.files).toEqual(trainingFiles);
    expect(shipped.trainedOn.files).not.toContain("test.jsonl");
    const lines = trainingFiles.flatMap((name) => parseCorpus(readFileSync(path.join(corpusDir, name), "utf8"), name));
    expect(shipped.trainedOn.lines).toBe(lines.length);
  });

  it("is what training on those files gives: the artefact is made by the script, not edited", () => {
    const files = shipped.trainedOn.files;
    const lines = files.flatMap((name) => parseCorpus(readFileSync(path.join(corpusDir, name), "utf8"), name));
    const retrained = trainReplyModel(lines, shipped.trainedOn, shipped.options);
    expect(retrained.intent).toEqual(shipped.intent);
    expect(retrained.sentiment).toEqual(shipped.sentiment);
    expect(retrained.friction).toEqual(shipped.friction);
  }, 60_000);
});

describe("textFeatures", () => {
  it("gives the same features with or without accents, and a unit-length vector", () => {
    const accented = textFeatures("Ma théière est arrivée fêlée", 16);
    const plain = textFeatures("ma theiere est arrivee felee", 16);
    expect([...accented.indexes].sort()).toEqual([...plain.indexes].sort());
    expect(Math.hypot(...accented.values)).toBeCloseTo(1, 5);
  });
});
