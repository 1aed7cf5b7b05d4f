// What a simulation did, counted by the simulator itself (never read back from the app), and
// the planted rates beside the produced ones. Pure.
import type { Channel } from "@/lib/channels/channels";
import { AUTO_REVIEW_LINK_STEP, STEPS } from "@/lib/outbound/flow-steps";
import { RATE_SPECS, type SimulationRates } from "@/tools/simulator/simulation-rates";

export type StepRef = { flow: string; step: string; channel: Channel };

/** Every step the simulator can tell apart, in the order the tables show them. */
export const SIMULATED_STEPS: readonly StepRef[] = [
  STEPS.abandonedHelp,
  STEPS.checkIn,
  STEPS.reviewRequest,
  STEPS.lastReminder,
  STEPS.smsReviewRequest,
  { flow: "auto_reply", step: AUTO_REVIEW_LINK_STEP, channel: "email" as const },
  { flow: "auto_reply", step: AUTO_REVIEW_LINK_STEP, channel: "sms" as const },
].map(({ flow, step, channel }): StepRef => ({ flow, step, channel }));

export const stepKey = (ref: StepRef) => `${ref.flow}:${ref.step}:${ref.channel}`;

export type StepTally = StepRef & {
  /** Received by the fake provider. */
  sent: number;
  /** Delivery reported back (Postmark Delivery, Twilio "delivered"). */
  delivered: number;
  /** Hard bounce or Twilio "undelivered". */
  failed: number;
  /** Messages answered with a text (one answer per message; STOP is not counted here). */
  replied: number;
  /** SMS answered with an opt-out keyword (STOP, ARRET). */
  optedOut: number;
  /** Emails whose one-click List-Unsubscribe was used. */
  unsubscribed: number;
  /** Messages carrying a review link; of them, those whose link was opened at least once; all the opens. */
  withReviewLink: number;
  clickedMessages: number;
  clicks: number;
  /** review.created events that followed a click on this message. */
  reviews: number;
  /** Help emails whose checkout then became an order. */
  recovered: number;
  /** Due too long ago to be worth sending: the app skips them (predicted from the journeys and the steps' useful time). */
  tooLate: number;
  /** SMS segments of what was sent (what the SMS cost counts). */
  smsSegments: number;
  /**
   * Counted per recipient the way the outcome report counts them: recipients who, after this
   * message, wrote anything on any channel (STOP included), had a review recorded, opted out of
   * SMS, unsubscribed from email. A customer who acts once counts on every step sent before.
   */
  answeredAfter: number;
  reviewedAfter: number;
  optedOutAfter: number;
  unsubscribedAfter: number;
};

export type ShopCounts = {
  customers: number;
  abandoned: number;
  ordered: number;
  delivered: number;
  inTransit: number;
  french: number;
  withPhone: number;
  smsConsent: number;
};

/** Who was reached, for the rates planted per customer rather than per message. */
export type Populations = {
  emailedCustomers: number;
  bouncedCustomers: number;
  /** Customers with at least one delivered email, and those with a delivered post-delivery email. */
  emailReachedCustomers: number;
  postDeliveryReachedCustomers: number;
  smsCustomers: number;
  unreachableSmsCustomers: number;
};

export type SimulationTally = {
  seed: number;
  rates: SimulationRates;
  shop: ShopCounts;
  steps: StepTally[];
  populations: Populations;
  /** Answers by kind: "sms:praise", "email:question", "help:three_d_secure", "sms:stop"... */
  replies: Record<string, number>;
  /** Sent messages the simulator could not tie to a step (should stay 0). */
  unattributed: number;
};

export function emptyStep(ref: StepRef): StepTally {
  return {
    ...ref,
    sent: 0,
    delivered: 0,
    failed: 0,
    replied: 0,
    optedOut: 0,
    unsubscribed: 0,
    withReviewLink: 0,
    clickedMessages: 0,
    clicks: 0,
    reviews: 0,
    recovered: 0,
    tooLate: 0,
    smsSegments: 0,
    answeredAfter: 0,
    reviewedAfter: 0,
    optedOutAfter: 0,
    unsubscribedAfter: 0,
  };
}

export type RateRow = {
  metric: string;
  /** The planted probability (null when the row only reports a count). */
  planted: number | null;
  numerator: number;
  denominator: number;
};

const sum = (steps: StepTally[], field: keyof Omit<StepTally, keyof StepRef>) =>
  steps.reduce((total, step) => total + step[field], 0);

/** Planted rate beside what was produced, per rate the simulator plants. */
export function plantedVsProduced(tally: SimulationTally): RateRow[] {
  const { rates, shop, populations: pop } = tally;
  const find = (ref: StepRef) => tally.steps.filter((s) => stepKey(s) === stepKey(ref));
  const help = find(STEPS.abandonedHelp);
  const sms = find(STEPS.smsReviewRequest);
  const reviewEmails = [...find(STEPS.reviewRequest), ...find(STEPS.lastReminder)];
  const postDelivery = tally.steps.filter((s) => s.flow === STEPS.checkIn.flow);
  const autoReplies = tally.steps.filter((s) => s.flow === "auto_reply");
  const reasons = rates.threeDSecureShare + rates.cardDeclinedShare + rates.shippingQuestionShare;
  const helpReplyPlanted = reasons * rates.problemReplyRate + (1 - reasons) * rates.helpReplyRate;
  const helpDelivered = sum(help, "delivered");
  return [
    {
      metric: "Abandoned checkouts (of customers)",
      planted: rates.abandonedShare,
      numerator: shop.abandoned,
      denominator: shop.customers,
    },
    {
      metric: "SMS consent (of customers with a phone)",
      planted: rates.smsConsentShare,
      numerator: shop.smsConsent,
      denominator: shop.withPhone,
    },
    {
      metric: "SMS review link clicked",
      planted: rates.smsClickRate,
      numerator: sum(sms, "clickedMessages"),
      denominator: sum(sms, "delivered"),
    },
    {
      metric: "Email review link clicked (day 5, day 14)",
      planted: rates.emailClickRate,
      numerator: sum(reviewEmails, "clickedMessages"),
      denominator: sum(reviewEmails, "delivered"),
    },
    {
      metric: "SMS review request answered",
      planted: rates.smsReplyRate,
      numerator: sum(sms, "replied"),
      denominator: sum(sms, "delivered"),
    },
    {
      metric: "SMS opt-out (STOP / ARRET)",
      planted: rates.smsOptOutRate,
      numerator: sum(sms, "optedOut"),
      denominator: sum(sms, "delivered"),
    },
    {
      metric: "Post-delivery email answered (per customer)",
      planted: rates.emailReplyRate,
      numerator: sum(postDelivery, "replied"),
      denominator: pop.postDeliveryReachedCustomers,
    },
    {
      metric: "Help email answered",
      planted: helpReplyPlanted,
      numerator: sum(help, "replied"),
      denominator: helpDelivered,
    },
    {
      metric: "  … telling a 3-D Secure problem",
      planted: rates.threeDSecureShare * rates.problemReplyRate,
      numerator: tally.replies["help:three_d_secure"] ?? 0,
      denominator: helpDelivered,
    },
    {
      metric: "  … telling a declined card",
      planted: rates.cardDeclinedShare * rates.problemReplyRate,
      numerator: tally.replies["help:card_declined"] ?? 0,
      denominator: helpDelivered,
    },
    {
      metric: "  … asking about shipping costs",
      planted: rates.shippingQuestionShare * rates.problemReplyRate,
      numerator: tally.replies["help:shipping_question"] ?? 0,
      denominator: helpDelivered,
    },
    {
      metric: "Checkout recovered after the help email",
      planted: rates.recoveryRate,
      numerator: sum(help, "recovered"),
      denominator: helpDelivered,
    },
    {
      metric: "Review recorded after a click",
      planted: rates.reviewAfterClickRate,
      numerator: sum(tally.steps, "reviews"),
      denominator: sum(tally.steps, "clickedMessages"),
    },
    {
      metric: "Clicked links opened twice",
      planted: rates.repeatClickRate,
      numerator: sum(tally.steps, "clicks") - sum(tally.steps, "clickedMessages"),
      denominator: sum(tally.steps, "clickedMessages"),
    },
    {
      metric: "Automatic review-link reply clicked",
      planted: rates.autoReplyClickRate,
      numerator: sum(autoReplies, "clickedMessages"),
      denominator: sum(autoReplies, "delivered"),
    },
    {
      metric: "Email unsubscribe (per customer reached)",
      planted: rates.emailUnsubscribeRate,
      numerator: sum(tally.steps, "unsubscribed"),
      denominator: pop.emailReachedCustomers,
    },
    {
      metric: "Email hard bounce (per customer emailed)",
      planted: rates.emailBounceRate,
      numerator: pop.bouncedCustomers,
      denominator: pop.emailedCustomers,
    },
    {
      metric: "SMS undelivered (per customer texted)",
      planted: rates.smsUndeliveredRate,
      numerator: pop.unreachableSmsCustomers,
      denominator: pop.smsCustomers,
    },
  ];
}

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);

function table(header: string[], rows: string[][], rightAligned: (column: number) => boolean): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (rightAligned(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The two tables the CLI prints: planted vs produced, then per step. */
export function formatTally(tally: SimulationTally): string {
  const rates = table(
    ["metric", "planted", "produced", "count"],
    plantedVsProduced(tally).map((row) => [
      row.metric,
      percent(row.planted),
      percent(row.denominator ? row.numerator / row.denominator : null),
      `${row.numerator} / ${row.denominator}`,
    ]),
    (column) => column > 0,
  );
  const steps = table(
    [
      "flow",
      "step",
      "channel",
      "sent",
      "delivered",
      "undelivered",
      "answered",
      "clicked / with link",
      "clicks",
      "reviewed",
      "STOP",
      "unsubscribed",
      "recovered",
      "too late",
      "segments",
    ],
    tally.steps.map((s) => [
      s.flow,
      s.step,
      s.channel,
      ...[s.sent, s.delivered, s.failed].map(String),
      `${s.replied} (${s.answeredAfter})`,
      `${s.clickedMessages} / ${s.withReviewLink}`,
      String(s.clicks),
      `${s.reviews} (${s.reviewedAfter})`,
      s.channel === "sms" ? `${s.optedOut} (${s.optedOutAfter})` : "",
      s.channel === "email" ? `${s.unsubscribed} (${s.unsubscribedAfter})` : "",
      s.flow === "abandoned_checkout" ? String(s.recovered) : "",
      String(s.tooLate),
      s.channel === "sms" ? String(s.smsSegments) : "",
    ]),
    (column) => column > 2,
  );
  const shop = tally.shop;
  const summary = `${shop.customers} customers (${shop.french} French): ${shop.abandoned} abandoned checkouts, ${shop.ordered} orders (${shop.delivered} delivered, ${shop.inTransit} on the way); ${shop.withPhone} with a phone, ${shop.smsConsent} SMS consents.`;
  const replies = Object.entries(tally.replies)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  return [
    summary,
    "",
    "Planted rates and what the simulated customers produced",
    rates,
    "",
    "Per flow and step (the simulator's own count; in brackets, recipients counted as the outcome report does: any answer, review, STOP or unsubscribe after the message, by that recipient)",
    steps,
    "",
    `Answers by kind: ${replies || "none"}`,
    ...(tally.unattributed ? [`Messages not tied to a step: ${tally.unattributed}`] : []),
  ].join("\n");
}

/** The rate specs, for a CLI's help. */
export function describeRates(rates: SimulationRates): string {
  return Object.entries(RATE_SPECS)
    .map(
      ([name, spec]) =>
        `  --${spec.flag.padEnd(20)} ${String(rates[name as keyof SimulationRates]).padEnd(6)} ${spec.means}`,
    )
    .join("\n");
}
