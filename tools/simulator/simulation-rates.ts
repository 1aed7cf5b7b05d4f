// The behaviour the simulator plants: one probability per decision, each with its default and
// what it means. The first ones are the figures from the seeds (issue #7); the rest are ours. Pure.
import { z } from "zod";

type RateSpec = { default: number; flag: string; means: string };

export const RATE_SPECS = {
  // Who the customers are.
  abandonedShare: {
    default: 0.3,
    flag: "abandoned",
    means: "customers whose checkout is abandoned (the others order)",
  },
  inTransitShare: { default: 0.1, flag: "in-transit", means: "orders not delivered yet (no message due)" },
  frenchShare: { default: 0.6, flag: "french", means: "customers writing in French (the others in English)" },
  phoneShare: { default: 0.85, flag: "phone", means: "customers who give a mobile number" },
  smsConsentShare: { default: 0.55, flag: "sms-consent", means: "of those, who tick the SMS box at checkout" },
  // Abandoned checkouts: why, and what follows the help email.
  threeDSecureShare: {
    default: 0.18,
    flag: "three-d-secure",
    means: "abandoned checkouts stuck at 3-D Secure (the bank page)",
  },
  cardDeclinedShare: {
    default: 0.07,
    flag: "card-declined",
    means: "abandoned checkouts with a declined card (ZIP, limit)",
  },
  shippingQuestionShare: {
    default: 0.1,
    flag: "shipping-question",
    means: "abandoned checkouts that stopped at the shipping cost",
  },
  problemReplyRate: {
    default: 0.4,
    flag: "problem-reply",
    means: "of those with a reason, who tell it in a reply to the help email",
  },
  helpReplyRate: { default: 0.03, flag: "help-reply", means: "of the others, who reply to the help email anyway" },
  recoveryRate: { default: 0.12, flag: "recovery", means: "help-email recipients who then place the order" },
  // Post-delivery email and SMS.
  smsClickRate: { default: 0.083, flag: "sms-click", means: "delivered SMS review requests whose link is clicked" },
  emailClickRate: {
    default: 0.021,
    flag: "email-click",
    means: "delivered review emails (day 5, day 14) whose link is clicked",
  },
  smsReplyRate: { default: 0.23, flag: "sms-reply", means: "delivered SMS review requests answered with a text" },
  smsOptOutRate: {
    default: 0.021,
    flag: "sms-opt-out",
    means: "delivered SMS review requests answered STOP (ARRET in French)",
  },
  emailReplyRate: {
    default: 0.04,
    flag: "email-reply",
    means: "post-delivery email recipients who answer their latest email",
  },
  praiseShare: { default: 0.55, flag: "praise", means: "replies that are praise (the rest: questions and problems)" },
  problemShare: { default: 0.2, flag: "problem", means: "replies that report a problem" },
  reviewAfterClickRate: {
    default: 0.4,
    flag: "review-after-click",
    means: "clicked review links followed by a review (review.created)",
  },
  repeatClickRate: { default: 0.15, flag: "repeat-click", means: "clicked links clicked a second time" },
  autoReplyClickRate: {
    default: 0.35,
    flag: "auto-reply-click",
    means: "delivered automatic review-link replies whose link is clicked",
  },
  emailUnsubscribeRate: {
    default: 0.004,
    flag: "email-unsubscribe",
    means: "email recipients who unsubscribe (one-click, List-Unsubscribe)",
  },
  emailBounceRate: { default: 0.006, flag: "email-bounce", means: "email addresses that hard-bounce" },
  smsUndeliveredRate: {
    default: 0.012,
    flag: "sms-undelivered",
    means: "numbers that cannot receive SMS (Twilio 30003)",
  },
} as const satisfies Record<string, RateSpec>;

export type RateName = keyof typeof RATE_SPECS;
export type SimulationRates = Record<RateName, number>;

export const RATE_NAMES = Object.keys(RATE_SPECS) as RateName[];

export const DEFAULT_RATES: SimulationRates = Object.fromEntries(
  RATE_NAMES.map((name) => [name, RATE_SPECS[name].default]),
) as SimulationRates;

const probability = z
  .number({ error: "must be a number" })
  .min(0, "must be between 0 and 1")
  .max(1, "must be between 0 and 1");

export const ratesSchema = z
  .object(Object.fromEntries(RATE_NAMES.map((name) => [name, probability])) as Record<RateName, typeof probability>)
  .superRefine((rates, ctx) => {
    const reasons = rates.threeDSecureShare + rates.cardDeclinedShare + rates.shippingQuestionShare;
    if (reasons > 1)
      ctx.addIssue({
        code: "custom",
        path: ["threeDSecureShare"],
        message: `the three abandonment reasons add up to ${reasons.toFixed(3)}, more than 1`,
      });
    if (rates.smsReplyRate + rates.smsOptOutRate > 1)
      ctx.addIssue({
        code: "custom",
        path: ["smsReplyRate"],
        message: "SMS replies and opt-outs add up to more than 1",
      });
    if (rates.praiseShare + rates.problemShare > 1)
      ctx.addIssue({
        code: "custom",
        path: ["praiseShare"],
        message: "praise and problem shares add up to more than 1",
      });
  });

/** The defaults with some rates changed; throws a readable error for an impossible mix. */
export function resolveRates(overrides: Partial<SimulationRates> = {}): SimulationRates {
  const parsed = ratesSchema.safeParse({ ...DEFAULT_RATES, ...overrides });
  if (!parsed.success)
    throw new Error(
      parsed.error.issues
        .map((issue) => `--${RATE_SPECS[issue.path[0] as RateName]?.flag ?? issue.path.join(".")}: ${issue.message}`)
        .join("; "),
    );
  return parsed.data;
}
