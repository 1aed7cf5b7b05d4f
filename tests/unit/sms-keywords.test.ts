import { describe, expect, it } from "vitest";
import { smsKeyword } from "@/lib/inbound/sms-keywords";

describe("smsKeyword", () => {
  it("recognises the opt-out keywords in any case, trimmed, including French ARRÊT", () => {
    for (const body of [
      "STOP",
      "stop",
      " Stop \n",
      "STOPALL",
      "unsubscribe",
      "Cancel",
      "END",
      "quit",
      "REVOKE",
      "optout",
      "ARRET",
      "arrêt",
      "Arrêt",
    ]) {
      expect(smsKeyword(body), body).toBe("opt_out");
    }
  });

  it("recognises opt-in and help keywords", () => {
    expect(["START", "unstop", "Yes"].map(smsKeyword)).toEqual(["opt_in", "opt_in", "opt_in"]);
    expect(["HELP", "info"].map(smsKeyword)).toEqual(["help", "help"]);
  });

  it("leaves look-alikes to a human", () => {
    for (const body of [
      "stop charging me twice",
      "Please stop",
      "STOP!",
      "S T O P",
      "stopp",
      "yes please",
      "arrête de m'écrire",
      "help me my lamp broke",
      "",
    ]) {
      expect(smsKeyword(body), body).toBeNull();
    }
  });
});
