import { describe, expect, it } from "vitest";
import { mentionBeingTyped, mentionedTeammates, teammatesMatching } from "@/lib/notifications/mentions";

const team = [
  { id: "1", name: "Sofia" },
  { id: "2", name: "Sofia Martin" },
  { id: "3", name: "Élodie Durand" },
  { id: "4", name: "Marc" },
];

describe("mentions in a note", () => {
  it("finds each teammate named after @, the longest name first, any case, at a word boundary", () => {
    expect(mentionedTeammates("Hi @sofia martin, can you check?", team).map((t) => t.id)).toEqual(["2"]);
    expect(mentionedTeammates("@Sofia and @Sofia Martin", team).map((t) => t.id)).toEqual(["2", "1"]);
    expect(mentionedTeammates("@élodie durand: 3-D Secure again", team).map((t) => t.id)).toEqual(["3"]);
    expect(mentionedTeammates("@Sofiane is not Sofia, nor is marc@shop.test", team)).toEqual([]);
    expect(mentionedTeammates("ask @Marc.", team).map((t) => t.id)).toEqual(["4"]);
  });

  it("reads the @name being typed before the caret, and suggests teammates by any word of their name", () => {
    expect(mentionBeingTyped("Hello @So", 9)).toEqual({ start: 6, query: "So" });
    expect(mentionBeingTyped("@Sofia Ma", 9)).toEqual({ start: 0, query: "Sofia Ma" });
    expect(mentionBeingTyped("mail marc@shop", 14)).toBeNull();
    expect(mentionBeingTyped("Hello @So and more", 18)).toBeNull();
    expect(teammatesMatching("so", team).map((t) => t.id)).toEqual(["1", "2"]);
    expect(teammatesMatching("dur", team).map((t) => t.id)).toEqual(["3"]);
    expect(teammatesMatching("", team, 2)).toHaveLength(2);
  });
});
