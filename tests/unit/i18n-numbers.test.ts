import { cancelReasonText } from "@/lib/delivery/cancel-reasons";
import { describe, expect, it } from "vitest";
import { frictionCategoryLabel, priorityLabel, statusReasonLabel, stepLabel } from "@/lib/i18n/labels";
import { formatMoney, formatNumber, formatPercent, plural } from "@/lib/i18n/numbers";

// Intl writes French numbers with a narrow no-break space; compare on plain spaces.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

describe("numbers in the UI language", () => {
  it("writes money with its currency, never a bare 63.00", () => {
    expect(plain(formatMoney("63", "EUR", "fr"))).toBe("63,00 €");
    expect(formatMoney(63, "EUR", "en")).toBe("€63.00");
    expect(plain(formatMoney(1234.5, "USD", "fr"))).toBe("1 234,50 $US");
  });
  it("keeps an unknown currency code next to the amount", () => {
    expect(plain(formatMoney(5, "X1", "fr"))).toBe("5,00 X1");
  });
  it("writes percentages and averages with the locale's decimal mark, not 0.0", () => {
    expect(plain(formatPercent(0.125, "fr"))).toBe("12,5 %");
    expect(formatPercent(0, "en")).toBe("0.0%");
    expect(formatNumber(2.5, "fr")).toBe("2,5");
    expect(formatNumber(3, "en")).toBe("3");
  });
  it("picks the plural form by each language's rules: French says 0 jour, 1 jour, 2 jours", () => {
    expect(plural("fr", 0, "days")).toBe("days_one");
    expect(plural("fr", 1, "days")).toBe("days_one");
    expect(plural("fr", 2, "days")).toBe("days_other");
    expect(plural("en", 0, "days")).toBe("days_other");
    expect(plural("en", 1, "days")).toBe("days_one");
  });
});

describe("stored codes as words", () => {
  it("names priorities and flow steps instead of showing high or review_link", () => {
    expect(priorityLabel("high", "fr")).toBe("priorité haute");
    expect(stepLabel("review_link", "fr")).toBe("lien d'avis");
    expect(stepLabel("some_new_step", "fr")).toBe("some_new_step");
  });
  it("translates built-in friction categories and leaves the team's own as named", () => {
    expect(frictionCategoryLabel({ key: "delivery", name: "Delivery" }, "fr")).toBe("Livraison");
    expect(frictionCategoryLabel({ key: "promo_code_refused", name: "Promo code refused" }, "fr")).toBe(
      "Promo code refused",
    );
  });
  it("words a stored status reason, with the names and numbers it holds", () => {
    expect(statusReasonLabel("paused by Sofia Agent", "fr")).toBe("mis en pause par Sofia Agent");
    expect(statusReasonLabel("resumed: paused for 14 days", "fr")).toBe("repris : en pause depuis 14 jours");
    expect(statusReasonLabel("resumed: paused for 1 day", "fr")).toBe("repris : en pause depuis 1 jour");
    // Every text a cancellation records (lib/delivery/cancel-reasons) has its French words.
    for (const reason of [
      { kind: "customer_replied" },
      { kind: "review_link_sent" },
      { kind: "order_placed" },
      { kind: "email_unsubscribed" },
      { kind: "email_suppressed", source: "postmark_bounce" },
      { kind: "email_suppressed", source: "postmark_spam_complaint" },
      { kind: "sms_opted_out" },
      { kind: "data_erased" },
    ] as const)
      expect(statusReasonLabel(cancelReasonText(reason), "fr"), reason.kind).toMatch(/^annulé : /);
    expect(statusReasonLabel("skipped: email suppressed (bounce or complaint)", "fr")).toBe(
      "ignoré : e-mail bloqué (rejet ou plainte)",
    );
    expect(statusReasonLabel("Twilio error 21610", "fr")).toBe("Twilio error 21610");
  });
});
