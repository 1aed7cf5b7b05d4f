// Drives a simulated shop through the app's real endpoints: Shopify webhooks, the dispatcher,
// delivery callbacks, customers' replies, STOPs, clicks and reviews, then the dispatcher again
// for the automatic replies. Talks only to `transport` and reads the fakes through `outbox`.
import { createHash } from "node:crypto";
import { AUTO_REVIEW_LINK_STEP, STEPS } from "@/lib/outbound/flow-steps";
import { smsSize } from "@/lib/sms/sms-segments";
import {
  cronDispatch,
  linkClick,
  oneClickUnsubscribe,
  postmarkDelivery,
  postmarkHardBounce,
  postmarkInbound,
  reviewCreated,
  shopifyCheckout,
  shopifyFulfillment,
  shopifyOrder,
  shopifyWebhook,
  twilioInboundSms,
  twilioStatus,
  type OutgoingRequest,
  type SimulationSecrets,
} from "@/tools/simulator/provider-payloads";
import { draw, streamSeed } from "@/tools/simulator/random";
import { recogniseFlowEmail } from "@/tools/simulator/recognise-flow-email";
import {
  EMAIL_REPLIES,
  fillReply,
  HELP_REPLIES,
  SMS_REPLIES,
  STOP_WORD,
  type ReplyKind,
} from "@/tools/simulator/reply-texts";
import { generateShopScenario, type ShopScenario, type SimCustomer } from "@/tools/simulator/shop-scenario";
import { resolveRates, type SimulationRates } from "@/tools/simulator/simulation-rates";
import {
  emptyStep,
  SIMULATED_STEPS,
  stepKey,
  type SimulationTally,
  type StepRef,
  type StepTally,
} from "@/tools/simulator/simulation-tally";
import type { Outbox, SentEmail, Transport } from "@/tools/simulator/transport";

/** The shop's flow timing the simulator plans around (the app's defaults; prepareSimulatedShop sets them). */
export type FlowTiming = { checkInDays: number; reviewDays: number; reminderDays: number; smsDelayDays: number };
export const DEFAULT_TIMING: FlowTiming = { checkInDays: 1, reviewDays: 5, reminderDays: 14, smsDelayDays: 5 };

export type SimulationOptions = {
  transport: Transport;
  outbox: Outbox;
  secrets: SimulationSecrets;
  customers: number;
  seed: number;
  rates?: Partial<SimulationRates>;
  /** Makes addresses and ids unique to this run (default: from the clock). Never changes a decision. */
  runTag?: string;
  timing?: FlowTiming;
  /** Customers played at the same time (each customer's own events stay in order). */
  concurrency?: number;
  /** Dispatcher calls made at the same time (the app claims each message for one of them only). */
  dispatchers?: number;
  log?: (line: string) => void;
};

export type DispatchSummary = { calls: number; results: Record<string, number> };

export type SimulationResult = {
  tally: SimulationTally;
  /** The earliest back-dated shop event and the end of the run: the report range to look at. */
  from: Date;
  to: Date;
  durationMs: number;
  requests: number;
  dispatch: DispatchSummary;
  warnings: string[];
};

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

type SentRecord = {
  /** 1: a flow message, 3: an automatic reply (customers act in phases 2 and 4). */
  phase: 1 | 3;
  customer: SimCustomer;
  step: StepTally;
  channel: "email" | "sms";
  providerId: string;
  to: string;
  text: string;
  reviewPaths: string[];
  email?: { subject: string; replyTo: string | null; messageIdHeader: string | null; unsubscribePath: string | null };
  delivered: boolean;
};

async function mapLimit<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  });
  await Promise.all(workers);
}

const header = (email: SentEmail, name: string) =>
  email.Headers?.find((h) => h.Name.toLowerCase() === name.toLowerCase())?.Value ?? null;

function pathsOf(text: string, appUrl: string, segment: "r" | "u"): string[] {
  const base = appUrl.replace(/\/$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...text.matchAll(new RegExp(`${base}(/${segment}/[A-Za-z0-9_.~-]+)`, "g"))].map((match) => match[1]!);
}

type PlannedStep = { step: StepRef & { usefulForMs: number }; dueDaysAgo: number };

/** The steps the app schedules for this customer, each with how long ago it fell due (negative: not yet). */
function plannedSteps(c: SimCustomer, timing: FlowTiming): PlannedStep[] {
  const journey = c.journey;
  // Abandoned after an hour of idleness; the help email is due at once (the app's default delay).
  if (journey.kind === "abandoned") return [{ step: STEPS.abandonedHelp, dueDaysAgo: (journey.idleHours - 1) / 24 }];
  const age = journey.deliveredDaysAgo;
  if (age === null) return [];
  const planned: PlannedStep[] = [
    { step: STEPS.checkIn, dueDaysAgo: age - timing.checkInDays },
    { step: STEPS.reviewRequest, dueDaysAgo: age - timing.reviewDays },
    { step: STEPS.lastReminder, dueDaysAgo: age - timing.reminderDays },
  ];
  if (c.smsConsent && c.phone) planned.push({ step: STEPS.smsReviewRequest, dueDaysAgo: age - timing.smsDelayDays });
  return planned.filter((p) => p.dueDaysAgo >= 0);
}

/** A step due longer ago than it is useful for is skipped by the app as too late. */
const tooLate = (p: PlannedStep) => p.dueDaysAgo * DAY_MS > p.step.usefulForMs;

/** The SMS review request the app sends this customer now, if any. */
function smsDue(c: SimCustomer, timing: FlowTiming): boolean {
  return plannedSteps(c, timing).some((p) => p.step === STEPS.smsReviewRequest && !tooLate(p));
}

/** The email steps the app sends this customer now: due, still useful, and not the day-5 ask when the SMS asks instead. */
function dueEmailSteps(c: SimCustomer, timing: FlowTiming): StepRef[] {
  const smsAsks = plannedSteps(c, timing).some((p) => p.step === STEPS.smsReviewRequest);
  return plannedSteps(c, timing)
    .filter((p) => p.step.channel === "email" && !tooLate(p) && !(p.step === STEPS.reviewRequest && smsAsks))
    .map((p) => p.step);
}

function pickText(texts: readonly string[], u: number): string {
  return texts[Math.min(texts.length - 1, Math.floor(u * texts.length))]!;
}

function replyKind(rates: SimulationRates, u: number): ReplyKind {
  if (u < rates.praiseShare) return "praise";
  if (u < rates.praiseShare + rates.problemShare) return "problem";
  return "question";
}

/** 32 hex digits from the keys: provider-looking ids, unique to the run, the same for the same customer. */
function hexId(...keys: (string | number)[]): string {
  return createHash("sha256").update(keys.join("|")).digest("hex").slice(0, 32);
}

const uuidLike = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const started = Date.now();
  const rates = resolveRates(options.rates);
  const timing = options.timing ?? DEFAULT_TIMING;
  const runTag = options.runTag ?? Date.now().toString(36).slice(-6);
  const { transport, outbox, secrets, seed } = options;
  const log = options.log
    ? (line: string) => options.log!(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`)
    : () => {};
  const concurrency = options.concurrency ?? 6;
  const dispatchers = options.dispatchers ?? 3;
  const scenario: ShopScenario = generateShopScenario({ customers: options.customers, seed, rates, runTag });
  const warnings: string[] = [];
  const steps = new Map(SIMULATED_STEPS.map((ref) => [stepKey(ref), emptyStep(ref)]));
  for (const c of scenario.customers)
    for (const p of plannedSteps(c, timing)) if (tooLate(p)) steps.get(stepKey(p.step))!.tooLate++;
  const replies: Record<string, number> = {};
  const reviewed = new Set<number>();
  type Activity = "answered" | "reviewed" | "optedOut" | "unsubscribed";
  /** The phases in which each customer did something the report attributes to earlier messages. */
  const activity = new Map<number, { kind: Activity; phase: number }[]>();
  const did = (c: SimCustomer, kind: Activity, phase: number) =>
    activity.set(c.index, [...(activity.get(c.index) ?? []), { kind, phase }]);
  let requests = 0;
  let unattributed = 0;
  const now = () => new Date();

  async function send(request: OutgoingRequest, expected: number[] = [200]) {
    requests++;
    const response = await transport.request(request.method, request.path, {
      headers: request.headers,
      body: request.body,
    });
    if (!expected.includes(response.status)) {
      throw new Error(
        `${request.method} ${request.path} answered ${response.status} (expected ${expected.join(" or ")}): ${response.text.slice(0, 300)}`,
      );
    }
    return response;
  }

  const dispatch: DispatchSummary = { calls: 0, results: {} };
  async function dispatchOnce(label: string): Promise<boolean> {
    const response = await send(cronDispatch(secrets));
    dispatch.calls++;
    const report = JSON.parse(response.text) as {
      waiting?: string;
      channels?: string[];
      abandonedCheckouts?: number;
      results?: Record<string, number>;
    };
    if (report.waiting) throw new Error(`The dispatcher sends nothing: ${report.waiting}`);
    for (const channel of ["email", "sms"]) {
      const warning = `The app has no ${channel} provider configured: no ${channel} is sent.`;
      if (report.channels && !report.channels.includes(channel) && !warnings.includes(warning)) warnings.push(warning);
    }
    const results = report.results ?? {};
    for (const [result, count] of Object.entries(results))
      dispatch.results[result] = (dispatch.results[result] ?? 0) + count;
    const claimed = Object.values(results).reduce((total, count) => total + count, 0) - (results.deferred ?? 0);
    log(
      `  ${label} dispatch #${dispatch.calls}: ${JSON.stringify(results)}${report.abandonedCheckouts ? `, ${report.abandonedCheckouts} checkouts marked abandoned` : ""}`,
    );
    return claimed > 0 || Boolean(report.abandonedCheckouts);
  }

  /**
   * Calls the dispatcher, several at once as several cron runs may, until a round of calls
   * neither marks a checkout nor claims a message.
   */
  async function dispatchUntilQuiet(label: string) {
    for (let round = 0; round < 200; round++) {
      const busy = await Promise.all(Array.from({ length: dispatchers }, () => dispatchOnce(label)));
      if (!busy.some(Boolean)) return;
    }
    throw new Error("The dispatcher kept sending after 200 rounds.");
  }

  async function settle() {
    if (transport.settle) await transport.settle();
    else await new Promise((resolve) => setTimeout(resolve, 1500));
  }

  const byEmail = new Map(scenario.customers.map((c) => [c.email.toLowerCase(), c]));
  const byPhone = new Map(scenario.customers.filter((c) => c.phone).map((c) => [c.phone!, c]));
  const [emailOffset, smsOffset] = [(await outbox.emails()).length, (await outbox.sms()).length];

  // 1. The shop: checkouts, orders, deliveries, back-dated so the flows are due now.
  const t0 = now().getTime();
  const from = new Date(
    Math.min(
      ...scenario.customers.map(
        (c) =>
          t0 -
          (c.journey.kind === "abandoned"
            ? c.journey.idleHours * HOUR_MS + HOUR_MS
            : c.journey.placedDaysAgo * DAY_MS + HOUR_MS),
      ),
    ),
  );
  log(`Playing ${scenario.customers.length} customers' shop events…`);
  await mapLimit(scenario.customers, concurrency, async (c) => {
    const webhook = (topic: string, payload: unknown) =>
      send(shopifyWebhook(topic, payload, `sim-${runTag}-${c.index}-${topic}`, secrets));
    const { journey } = c;
    if (journey.kind === "abandoned") {
      const updatedAt = new Date(t0 - journey.idleHours * HOUR_MS);
      const createdAt = new Date(updatedAt.getTime() - 12 * 60_000);
      await webhook(
        "checkouts/create",
        shopifyCheckout(c, journey.checkoutToken, journey.items, {
          createdAt,
          updatedAt: createdAt,
          completedAt: null,
        }),
      );
      await webhook(
        "checkouts/update",
        shopifyCheckout(c, journey.checkoutToken, journey.items, { createdAt, updatedAt, completedAt: null }),
      );
      return;
    }
    const placedAt = new Date(t0 - journey.placedDaysAgo * DAY_MS);
    await webhook(
      "orders/create",
      shopifyOrder(c, {
        id: journey.orderId,
        number: journey.orderNumber,
        checkoutToken: journey.checkoutToken,
        items: journey.items,
        placedAt,
      }),
    );
    if (journey.deliveredDaysAgo === null) {
      await webhook(
        "fulfillments/create",
        shopifyFulfillment(journey.orderId, "in_transit", new Date(placedAt.getTime() + DAY_MS)),
      );
    } else {
      const deliveredAt = new Date(t0 - journey.deliveredDaysAgo * DAY_MS);
      await webhook("fulfillment_events/create", {
        id: Number(journey.orderId) + 9,
        order_id: Number(journey.orderId),
        status: "delivered",
        happened_at: deliveredAt.toISOString(),
        created_at: deliveredAt.toISOString(),
      });
    }
  });

  // 2. The cron, until everything due is sent.
  log("Dispatching what is due…");
  await dispatchUntilQuiet("flows");

  /** What the fakes received since `offsets`, tied to customers and steps. */
  async function collect(
    phase: 1 | 3,
    offsets: { email: number; sms: number },
    stepFor: (
      c: SimCustomer,
      sent: { channel: "email" | "sms"; nth: number; subject: string | null },
    ) => StepRef | null,
  ): Promise<SentRecord[]> {
    const emails = (await outbox.emails()).slice(offsets.email);
    const texts = (await outbox.sms()).slice(offsets.sms);
    const records: SentRecord[] = [];
    const nth = new Map<string, number>();
    const attribute = (c: SimCustomer | undefined, channel: "email" | "sms", subject: string | null = null) => {
      if (!c) return null;
      const counter = `${c.index}:${channel}`;
      const n = nth.get(counter) ?? 0;
      nth.set(counter, n + 1);
      const ref = stepFor(c, { channel, nth: n, subject });
      return ref ? steps.get(stepKey(ref))! : null;
    };
    for (const email of emails) {
      const c = byEmail.get(email.To.toLowerCase());
      const step = attribute(c, "email", email.Subject);
      if (!c || !step) {
        if (c) unattributed++;
        continue;
      }
      const unsubscribe = header(email, "List-Unsubscribe");
      records.push({
        phase,
        customer: c,
        step,
        channel: "email",
        providerId: email.MessageID,
        to: email.To,
        text: email.TextBody,
        reviewPaths: pathsOf(email.TextBody, secrets.appUrl, "r"),
        email: {
          subject: email.Subject,
          replyTo: email.ReplyTo ?? null,
          messageIdHeader: header(email, "Message-ID"),
          unsubscribePath: unsubscribe ? (pathsOf(unsubscribe, secrets.appUrl, "u")[0] ?? null) : null,
        },
        delivered: false,
      });
    }
    for (const sms of texts) {
      const c = byPhone.get(sms.to);
      const step = attribute(c, "sms");
      if (!c || !step) {
        if (c) unattributed++;
        continue;
      }
      records.push({
        phase,
        customer: c,
        step,
        channel: "sms",
        providerId: sms.sid,
        to: sms.to,
        text: sms.body,
        reviewPaths: pathsOf(sms.body, secrets.appUrl, "r"),
        delivered: false,
      });
    }
    for (const record of records) {
      record.step.sent++;
      if (record.reviewPaths.length) record.step.withReviewLink++;
      if (record.channel === "sms") record.step.smsSegments += smsSize(record.text).segments;
    }
    return records;
  }

  const flowMessages = await collect(1, { email: emailOffset, sms: smsOffset }, (c, sent) => {
    if (sent.channel === "sms") return sent.nth === 0 && smsDue(c, timing) ? STEPS.smsReviewRequest : null;
    return recogniseFlowEmail(sent.subject ?? "", dueEmailSteps(c, timing));
  });
  if ((dispatch.results.sent ?? 0) > 0 && flowMessages.length === 0)
    throw new Error(
      "The dispatcher reports sends, but the fake providers received nothing: start the app with POSTMARK_API_URL and TWILIO_API_URL pointing at the fakes.",
    );
  if (unattributed)
    warnings.push(
      `${unattributed} message(s) could not be tied to a step: does the shop use the default flow timing (day 1, 5, 14, SMS after 5 days) and email subjects?`,
    );
  log(
    `  ${flowMessages.filter((m) => m.channel === "email").length} emails and ${flowMessages.filter((m) => m.channel === "sms").length} SMS sent.`,
  );

  const productOf = (c: SimCustomer) => c.journey.items[0]!.product.title;
  const count = (kind: string) => (replies[kind] = (replies[kind] ?? 0) + 1);

  /** Delivery callbacks, then clicks and reviews: what every recipient does with a message. */
  async function receive(record: SentRecord) {
    const c = record.customer;
    const phase = record.phase + 1;
    const at = now();
    if (record.channel === "email") {
      if (c.emailBounces) {
        await send(
          postmarkHardBounce(
            streamSeed(seed, "bounce", runTag, record.providerId) % 2_000_000_000,
            record.providerId,
            record.to,
            at,
            secrets,
          ),
        );
        record.step.failed++;
        return;
      }
      await send(postmarkDelivery(record.providerId, record.to, at, secrets));
    } else {
      await send(twilioStatus(record.providerId, record.to, "sent", secrets));
      if (c.smsUnreachable) {
        await send(twilioStatus(record.providerId, record.to, "undelivered", secrets));
        record.step.failed++;
        return;
      }
      await send(twilioStatus(record.providerId, record.to, "delivered", secrets));
    }
    record.delivered = true;
    record.step.delivered++;

    const link = record.reviewPaths[0];
    if (!link) return;
    const key = stepKey(record.step);
    const clickRate =
      record.step.flow === "auto_reply"
        ? rates.autoReplyClickRate
        : record.channel === "sms"
          ? rates.smsClickRate
          : rates.emailClickRate;
    if (draw(seed, "click", c.index, key) >= clickRate) return;
    await send(linkClick(link, c.locale), [302]);
    record.step.clickedMessages++;
    record.step.clicks++;
    if (draw(seed, "repeat-click", c.index, key) < rates.repeatClickRate) {
      await send(linkClick(link, c.locale), [302]);
      record.step.clicks++;
    }
    if (secrets.apiToken && !reviewed.has(c.index) && draw(seed, "review", c.index, key) < rates.reviewAfterClickRate) {
      reviewed.add(c.index);
      const orderId = c.journey.kind === "ordered" ? c.journey.orderId : null;
      await send(
        reviewCreated(
          `sim-${runTag}-review-${c.index}`,
          c,
          orderId,
          draw(seed, "rating", c.index) < 0.8 ? 5 : 4,
          now(),
          secrets,
        ),
      );
      record.step.reviews++;
      did(c, "reviewed", phase);
    }
  }

  async function replyBySms(c: SimCustomer, record: SentRecord) {
    const u = draw(seed, "sms-reply", c.index);
    let body: string;
    if (u < rates.smsOptOutRate) {
      body = pickText(STOP_WORD[c.locale], draw(seed, "stop-word", c.index));
      record.step.optedOut++;
      did(c, "optedOut", 2);
      count("sms:stop");
    } else if (u < rates.smsOptOutRate + rates.smsReplyRate) {
      const kind = replyKind(rates, draw(seed, "sms-kind", c.index));
      body = fillReply(pickText(SMS_REPLIES[kind][c.locale], draw(seed, "sms-text", c.index)), {
        firstName: c.firstName,
        product: productOf(c),
      });
      record.step.replied++;
      count(`sms:${kind}`);
    } else return;
    did(c, "answered", 2);
    await send(twilioInboundSms(`SM${hexId(runTag, c.index, "sms-reply")}`, c.phone!, c.country, body, secrets));
  }

  async function replyByEmail(c: SimCustomer, record: SentRecord, text: string) {
    const email = record.email!;
    const hash = email.replyTo?.match(/\+([^@]+)@/)?.[1] ?? null;
    const subject = /^re:/i.test(email.subject)
      ? email.subject
      : `${c.locale === "fr" ? "RE" : "Re"}: ${email.subject}`;
    await send(
      postmarkInbound(
        {
          messageId: uuidLike(hexId(runTag, c.index, "email-reply")),
          from: { email: c.email, name: `${c.firstName} ${c.lastName}` },
          to: email.replyTo ?? "lea@atelier-lune.example",
          mailboxHash: hash,
          subject,
          text,
          inReplyTo: email.messageIdHeader,
          emailMessageId: `<${hexId(runTag, c.index, "message-id").slice(0, 20)}@mail.example.com>`,
          date: now(),
        },
        record.text,
        secrets,
      ),
    );
    record.step.replied++;
    did(c, "answered", 2);
  }

  /** Replies, STOPs, recoveries and unsubscribes after the flow messages. */
  async function behave(c: SimCustomer, records: SentRecord[]) {
    for (const record of records) await receive(record);
    const delivered = records.filter((r) => r.delivered);
    const sms = delivered.find((r) => r.channel === "sms");
    if (sms) await replyBySms(c, sms);

    const latestEmail = delivered.filter((r) => r.channel === "email").at(-1);
    if (!latestEmail) return;
    const journey = c.journey;
    if (journey.kind === "abandoned") {
      const p = journey.reason === "none" ? rates.helpReplyRate : rates.problemReplyRate;
      if (draw(seed, "help-reply", c.index) < p) {
        await replyByEmail(
          c,
          latestEmail,
          fillReply(pickText(HELP_REPLIES[journey.reason][c.locale], draw(seed, "help-text", c.index)), {
            firstName: c.firstName,
            product: productOf(c),
          }),
        );
        count(`help:${journey.reason}`);
      }
      if (draw(seed, "recover", c.index) < rates.recoveryRate) {
        await send(
          shopifyWebhook(
            "orders/create",
            shopifyOrder(c, {
              id: journey.orderId,
              number: journey.orderNumber,
              checkoutToken: journey.checkoutToken,
              items: journey.items,
              placedAt: now(),
            }),
            `sim-${runTag}-${c.index}-recovery`,
            secrets,
          ),
        );
        latestEmail.step.recovered++;
      }
    } else if (draw(seed, "email-reply", c.index) < rates.emailReplyRate) {
      const kind = replyKind(rates, draw(seed, "email-kind", c.index));
      await replyByEmail(
        c,
        latestEmail,
        fillReply(pickText(EMAIL_REPLIES[kind][c.locale], draw(seed, "email-text", c.index)), {
          firstName: c.firstName,
          product: productOf(c),
        }),
      );
      count(`email:${kind}`);
    }
    if (latestEmail.email?.unsubscribePath && draw(seed, "unsubscribe", c.index) < rates.emailUnsubscribeRate) {
      await send(oneClickUnsubscribe(latestEmail.email.unsubscribePath));
      latestEmail.step.unsubscribed++;
      did(c, "unsubscribed", 2);
    }
  }

  /** Each customer's messages in step order (day 1 before day 5…), not in the order the batch went out. */
  const rank = new Map(SIMULATED_STEPS.map((ref, index) => [stepKey(ref), index]));
  const byCustomer = (records: SentRecord[]) => {
    const groups = new Map<number, SentRecord[]>();
    for (const record of records)
      groups.set(record.customer.index, [...(groups.get(record.customer.index) ?? []), record]);
    return [...groups.values()].map((group) =>
      group.sort((a, b) => rank.get(stepKey(a.step))! - rank.get(stepKey(b.step))!),
    );
  };

  // 3. The customers: deliveries, clicks, reviews, replies, STOPs, orders, unsubscribes.
  log("Playing the customers' behaviour…");
  await mapLimit(byCustomer(flowMessages), concurrency, (records) => behave(records[0]!.customer, records));

  // 4. Automatic replies to the happy ones, once the replies are classified.
  await settle();
  const [emailMark, smsMark] = [(await outbox.emails()).length, (await outbox.sms()).length];
  log("Dispatching the automatic replies…");
  await dispatchUntilQuiet("replies");
  const autoReplies = await collect(3, { email: emailMark, sms: smsMark }, (_c, sent) => ({
    flow: "auto_reply",
    step: AUTO_REVIEW_LINK_STEP,
    channel: sent.channel,
  }));
  await mapLimit(byCustomer(autoReplies), concurrency, async (records) => {
    for (const record of records) await receive(record);
  });
  if (dispatch.results.deferred)
    warnings.push(
      `${dispatch.results.deferred} SMS were deferred to the customers' daytime: widen the shop's SMS window (Settings) to send them now.`,
    );

  const all = [...flowMessages, ...autoReplies];
  const after = {
    answered: "answeredAfter",
    reviewed: "reviewedAfter",
    optedOut: "optedOutAfter",
    unsubscribed: "unsubscribedAfter",
  } as const;
  for (const record of all) {
    const later = (activity.get(record.customer.index) ?? []).filter((a) => a.phase > record.phase);
    for (const kind of new Set(later.map((a) => a.kind))) {
      if (kind === "optedOut" && record.channel !== "sms") continue;
      if (kind === "unsubscribed" && record.channel !== "email") continue;
      record.step[after[kind]]++;
    }
  }
  const customersWith = (predicate: (r: SentRecord) => boolean) =>
    new Set(all.filter(predicate).map((r) => r.customer.index)).size;
  const ordered = scenario.customers.filter((c) => c.journey.kind === "ordered");
  const tally: SimulationTally = {
    seed,
    rates,
    shop: {
      customers: scenario.customers.length,
      abandoned: scenario.customers.length - ordered.length,
      ordered: ordered.length,
      delivered: ordered.filter((c) => c.journey.kind === "ordered" && c.journey.deliveredDaysAgo !== null).length,
      inTransit: ordered.filter((c) => c.journey.kind === "ordered" && c.journey.deliveredDaysAgo === null).length,
      french: scenario.customers.filter((c) => c.locale === "fr").length,
      withPhone: scenario.customers.filter((c) => c.phone).length,
      smsConsent: scenario.customers.filter((c) => c.smsConsent).length,
    },
    steps: [...steps.values()],
    populations: {
      emailedCustomers: customersWith((r) => r.channel === "email"),
      bouncedCustomers: customersWith((r) => r.channel === "email" && r.customer.emailBounces),
      emailReachedCustomers: customersWith((r) => r.channel === "email" && r.delivered),
      postDeliveryReachedCustomers: customersWith(
        (r) => r.channel === "email" && r.delivered && r.step.flow === STEPS.checkIn.flow,
      ),
      smsCustomers: customersWith((r) => r.channel === "sms"),
      unreachableSmsCustomers: customersWith((r) => r.channel === "sms" && r.customer.smsUnreachable),
    },
    replies,
    unattributed,
  };
  return { tally, from, to: now(), durationMs: Date.now() - started, requests, dispatch, warnings };
}
