// The simulator (issue #7) run in-process against the real route handlers and the fake
// providers: the outcome report must count exactly what the simulated customers did, and the
// same seed must give the same shop and the same behaviour.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as cronDispatch } from "@/app/api/cron/dispatch/route";
import { POST as eventsApi } from "@/app/api/events/route";
import { POST as postmarkEvents } from "@/app/api/webhooks/postmark/events/route";
import { POST as postmarkInbound } from "@/app/api/webhooks/postmark/inbound/route";
import { POST as shopifyWebhook } from "@/app/api/webhooks/shopify/route";
import { POST as twilioSms } from "@/app/api/webhooks/twilio/sms/route";
import { POST as twilioStatus } from "@/app/api/webhooks/twilio/status/route";
import { GET as followLink } from "@/app/r/[token]/route";
import { POST as unsubscribe } from "@/app/u/[token]/route";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { outcomeMetrics, type OutcomeReport } from "@/lib/reports/outcome-metrics";
import { parseReportFilters } from "@/lib/reports/report-filters";
import { prepareSimulatedShop } from "@/tools/simulator/prepare-simulated-shop";
import { runSimulation, type SimulationResult } from "@/tools/simulator/run-simulation";
import { plantedVsProduced, stepKey, type SimulationTally } from "@/tools/simulator/simulation-tally";
import type { Transport } from "@/tools/simulator/transport";
import { startFakePostmark, startFakeTwilio, type FakePostmark, type FakeTwilio } from "@/tools/fake-providers";

const APP_URL = "https://inbox.atelier-lune.example";
const SID = `AC${"5".repeat(32)}`;
const CUSTOMERS = 150;
const SEED = 42;
// The seeds' rates, with the rare events made common enough that every path runs in 150 customers.
const RATES = {
  smsOptOutRate: 0.08,
  emailUnsubscribeRate: 0.04,
  emailBounceRate: 0.03,
  smsUndeliveredRate: 0.04,
  emailClickRate: 0.15,
  smsClickRate: 0.2,
  emailReplyRate: 0.2,
};

let postmark: FakePostmark;
let twilio: FakeTwilio;
const savedEnv = { ...process.env };

beforeAll(async () => {
  postmark = await startFakePostmark("pm-sim-token");
  twilio = await startFakeTwilio(SID, "tw-sim-token");
  // Before anything reads env(): it is read once per test file.
  Object.assign(process.env, {
    APP_URL,
    POSTMARK_SERVER_TOKEN: "pm-sim-token",
    POSTMARK_API_URL: postmark.url,
    POSTMARK_INBOUND_ADDRESS: "4f8c2b1e9d7a@inbound.postmarkapp.com",
    POSTMARK_WEBHOOK_USER: "postmark-sim",
    POSTMARK_WEBHOOK_PASSWORD: "postmark-sim-password",
    TWILIO_ACCOUNT_SID: SID,
    TWILIO_AUTH_TOKEN: "tw-sim-token",
    TWILIO_FROM_NUMBER: "+33757000111",
    TWILIO_API_URL: twilio.url,
  });
});

afterAll(async () => {
  await settleBackgroundWork();
  process.env = savedEnv;
  await Promise.all([postmark.close(), twilio.close()]);
});

type Handler = (request: Request, params: { token: string }) => Promise<Response>;
const token =
  (handler: (request: Request, context: { params: Promise<{ token: string }> }) => Promise<Response>): Handler =>
  (request, params) =>
    handler(request, { params: Promise.resolve(params) });

const ROUTES: [string, RegExp, Handler][] = [
  ["POST", /^\/api\/webhooks\/shopify$/, (request) => shopifyWebhook(request)],
  ["POST", /^\/api\/webhooks\/postmark\/inbound$/, (request) => postmarkInbound(request)],
  ["POST", /^\/api\/webhooks\/postmark\/events$/, (request) => postmarkEvents(request)],
  ["POST", /^\/api\/webhooks\/twilio\/sms$/, (request) => twilioSms(request)],
  ["POST", /^\/api\/webhooks\/twilio\/status$/, (request) => twilioStatus(request)],
  ["POST", /^\/api\/events$/, (request) => eventsApi(request)],
  ["GET", /^\/api\/cron\/dispatch$/, (request) => cronDispatch(request)],
  ["GET", /^\/r\/(?<token>[^/]+)$/, token(followLink)],
  ["POST", /^\/u\/(?<token>[^/]+)$/, token(unsubscribe)],
];

/** The Next route handlers called in-process with a built Request, as the other integration tests do. */
const inProcess: Transport = {
  async request(method, path, init) {
    const route = ROUTES.find(([m, pattern]) => m === method && pattern.test(path));
    if (!route) throw new Error(`No route for ${method} ${path}`);
    const match = path.match(route[1])!;
    const response = await route[2](
      new Request(`${APP_URL}${path}`, { method, headers: init.headers, body: init.body }),
      { token: match.groups?.token ?? "" },
    );
    return { status: response.status, text: await response.text(), headers: response.headers };
  },
  settle: settleBackgroundWork,
};

async function simulate(runTag: string): Promise<{ result: SimulationResult; price: number }> {
  await settleBackgroundWork();
  await truncateAllTables();
  postmark.sent.length = 0;
  twilio.sent.length = 0;
  const shop = await prepareSimulatedShop();
  const result = await runSimulation({
    transport: inProcess,
    outbox: { emails: async () => postmark.sent, sms: async () => twilio.sent },
    secrets: {
      appUrl: APP_URL,
      cronSecret: process.env.CRON_SECRET!,
      shopifyWebhookSecret: process.env.SHOPIFY_WEBHOOK_SECRET!,
      postmarkWebhookUser: "postmark-sim",
      postmarkWebhookPassword: "postmark-sim-password",
      twilioAccountSid: SID,
      twilioAuthToken: "tw-sim-token",
      twilioFromNumber: "+33757000111",
      apiToken: shop.apiToken,
    },
    customers: CUSTOMERS,
    seed: SEED,
    rates: RATES,
    runTag,
  });
  return { result, price: shop.smsPricePerSegment };
}

const ratio = (numerator: number, denominator: number) => `${numerator}/${denominator}`;

/** The report's rows in the shape the simulator's tally can be put in. */
function reportRows(report: OutcomeReport) {
  return report.rows.map((row) => ({
    step: stepKey(row),
    sent: row.sent,
    delivered: row.delivered,
    undelivered: row.undelivered,
    failed: row.failed,
    tooLate: row.tooLate,
    recipients: row.recipients,
    replied: ratio(row.replyRate.numerator, row.replyRate.denominator),
    reviewClicked: ratio(row.reviewClickRate.numerator, row.reviewClickRate.denominator),
    reviewClicks: row.reviewClicks,
    reviewsRecorded: row.reviewsRecorded,
    recovered: row.recovered && ratio(row.recovered.numerator, row.recovered.denominator),
    optedOut: row.optOutRate && ratio(row.optOutRate.numerator, row.optOutRate.denominator),
    unsubscribed: row.unsubscribeRate && ratio(row.unsubscribeRate.numerator, row.unsubscribeRate.denominator),
    smsSegments: row.smsSegments,
  }));
}

function tallyRows(tally: SimulationTally) {
  return tally.steps
    .filter((s) => s.sent > 0 || s.tooLate > 0)
    .map((s) => ({
      step: stepKey(s),
      sent: s.sent,
      delivered: s.delivered,
      undelivered: s.failed,
      failed: 0,
      tooLate: s.tooLate,
      // One message per customer and step: recipients are the messages.
      recipients: s.sent,
      replied: ratio(s.answeredAfter, s.sent),
      reviewClicked: ratio(s.clickedMessages, s.withReviewLink),
      reviewClicks: s.clicks,
      reviewsRecorded: s.reviewedAfter,
      recovered: s.flow === "abandoned_checkout" ? ratio(s.recovered, s.sent) : null,
      optedOut: s.channel === "sms" ? ratio(s.optedOutAfter, s.sent) : null,
      unsubscribed: s.channel === "email" ? ratio(s.unsubscribedAfter, s.sent) : null,
      smsSegments: s.smsSegments,
    }));
}

describe("npm run simulate, in-process", () => {
  let first: SimulationResult;
  let price: number;

  beforeAll(async () => {
    ({ result: first, price } = await simulate("first"));
  }, 120_000);

  it("plays every path: flows, deliveries and bounces, clicks, reviews, replies, STOP, recoveries, unsubscribes, automatic replies", () => {
    const { tally } = first;
    expect(first.warnings).toEqual([]);
    expect(tally.unattributed).toBe(0);
    const total = (
      field:
        | "sent"
        | "failed"
        | "tooLate"
        | "replied"
        | "optedOut"
        | "unsubscribed"
        | "clickedMessages"
        | "reviews"
        | "recovered",
    ) => tally.steps.reduce((sum, s) => sum + s[field], 0);
    for (const field of [
      "failed",
      "tooLate",
      "replied",
      "optedOut",
      "unsubscribed",
      "clickedMessages",
      "reviews",
      "recovered",
    ] as const)
      expect(total(field), field).toBeGreaterThan(0);
    for (const step of tally.steps) expect(step.sent, stepKey(step)).toBeGreaterThan(0);
    // Every planted rate has a population to be measured on.
    for (const row of plantedVsProduced(tally)) expect(row.denominator, row.metric).toBeGreaterThan(0);
  });

  it("the outcome report counts exactly what the simulated customers did", async () => {
    const parsed = parseReportFilters(
      { from: first.from.toISOString().slice(0, 10), to: first.to.toISOString().slice(0, 10) },
      first.to,
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const report = await outcomeMetrics(parsed.filters);

    expect(reportRows(report)).toEqual(tallyRows(first.tally));
    expect(report.reviewsTracked).toBe(true);
    for (const row of report.rows) {
      const step = first.tally.steps.find((s) => stepKey(s) === stepKey(row))!;
      // Rates within rounding of the simulator's own counts.
      expect(row.replyRate.value).toBeCloseTo(step.answeredAfter / step.sent, 9);
      if (step.withReviewLink)
        expect(row.reviewClickRate.value).toBeCloseTo(step.clickedMessages / step.withReviewLink, 9);
      if (row.recovered) expect(row.recovered.value).toBeCloseTo(step.recovered / step.sent, 9);
      if (row.optOutRate) expect(row.optOutRate.value).toBeCloseTo(step.optedOutAfter / step.sent, 9);
      if (row.unsubscribeRate) expect(row.unsubscribeRate.value).toBeCloseTo(step.unsubscribedAfter / step.sent, 9);
      if (row.channel === "sms") expect(row.smsCost).toBeCloseTo(step.smsSegments * price, 6);
    }
    for (const channel of ["email", "sms"] as const) {
      const steps = first.tally.steps.filter((s) => s.channel === channel);
      expect(report.totals[channel].sent, channel).toBe(steps.reduce((sum, s) => sum + s.sent, 0));
      expect(report.totals[channel].reviewClicks, channel).toBe(steps.reduce((sum, s) => sum + s.clicks, 0));
    }
  });

  it("gives the same tally for the same seed, whatever ids the app hands out", async () => {
    const { result: second } = await simulate("second");
    expect(second.tally).toEqual(first.tally);
  }, 120_000);
});
