import { describe, expect, it } from "vitest";
import { savedRepliesMatching, savedReplyBeingTyped } from "@/lib/saved-replies/saved-reply-search";

const replies = [
  { name: "Paiement expiré (3-D Secure)", folder: "Paiement" },
  { name: "Carte refusée : code postal", folder: "Paiement" },
  { name: "Card declined: billing ZIP", folder: "Payment" },
  { name: "Merci, avec le lien d'avis", folder: "Avis" },
];

describe("# in the composer", () => {
  it("finds what is typed after a # at the start or after a space, up to the caret", () => {
    expect(savedReplyBeingTyped("#carte", 6)).toEqual({ start: 0, query: "carte" });
    expect(savedReplyBeingTyped("Bonjour,\n#", 10)).toEqual({ start: 9, query: "" });
    expect(savedReplyBeingTyped("Bonjour #carte ref", 18)).toEqual({ start: 8, query: "carte ref" });
    expect(savedReplyBeingTyped("commande n°#1001", 16)).toBeNull();
    expect(savedReplyBeingTyped("#carte\nsuite", 12)).toBeNull();
    expect(savedReplyBeingTyped("# titre", 7)).toBeNull();
  });

  it("matches word starts of name and folder, any accent or case, every word typed", () => {
    const names = (query: string) => savedRepliesMatching(query, replies).map((r) => r.name);
    expect(names("expire")).toEqual(["Paiement expiré (3-D Secure)"]);
    expect(names("PAIE")).toEqual(["Paiement expiré (3-D Secure)", "Carte refusée : code postal"]);
    expect(names("carte postal")).toEqual(["Carte refusée : code postal"]);
    expect(names("zip")).toEqual(["Card declined: billing ZIP"]);
    expect(names("efus")).toEqual([]);
    expect(names("")).toHaveLength(4);
  });
});
