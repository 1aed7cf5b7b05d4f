// Carrier-style SMS keywords. Only a message that is exactly the keyword counts (any case,
// trimmed): "stop charging me twice" is a complaint for a human, not an opt-out. Pure.
export type SmsKeyword = "opt_out" | "opt_in" | "help";

const KEYWORDS: Record<string, SmsKeyword> = {
  STOP: "opt_out",
  STOPALL: "opt_out",
  UNSUBSCRIBE: "opt_out",
  CANCEL: "opt_out",
  END: "opt_out",
  QUIT: "opt_out",
  REVOKE: "opt_out",
  OPTOUT: "opt_out",
  ARRET: "opt_out",
  START: "opt_in",
  UNSTOP: "opt_in",
  YES: "opt_in",
  HELP: "help",
  INFO: "help",
};

/** Opt-out keywords Twilio confirms itself (Advanced Opt-Out); the others we confirm in our reply. */
export const CARRIER_HANDLED = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);

export function normalizeKeyword(body: string): string {
  // ARRÊT and ARRET are the same keyword.
  return body
    .trim()
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toUpperCase();
}

export function smsKeyword(body: string): SmsKeyword | null {
  return KEYWORDS[normalizeKeyword(body)] ?? null;
}
