import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { draftInVoiceAction, suggestReplyAction } from "@/app/(app)/ai-actions";
import { saveVoiceSamplesAction } from "@/app/(app)/settings/voice-actions";
import { draftTemplateInVoice } from "@/lib/ai/draft-in-voice";
import { ENABLE_AI_MESSAGE } from "@/lib/ai/openai-client";
import { suggestReply } from "@/lib/ai/suggest-reply";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { env } from "@/lib/env";
import { getVoiceSamples, updateVoiceSamples } from "@/lib/settings/update-voice-samples";
import { startFakeOpenAI, startFakePostmark, startFakeTwilio } from "@/tools/fake-providers";
import { makeCustomer, makeShopSettings } from "../support/factories";
import { TWILIO_TEST } from "../support/twilio";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
// The users these tests sign in keep the default preferences (follow the browser).
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentUserPreferences: async () => ({ locale: "auto", timeZone: "auto" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let openai: Awaited<ReturnType<typeof startFakeOpenAI>>;
let postmark: Awaited<ReturnType<typeof startFakePostmark>>;
let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  openai = await startFakeOpenAI();
  postmark = await startFakePostmark("pm-token");
  twilio = await startFakeTwilio(TWILIO_TEST.sid, TWILIO_TEST.token);
  // Read once per test file: OpenAI, Postmark and Twilio all point at the fakes.
  Object.assign(process.env, {
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: `${openai.url}/v1`,
    OPENAI_MODEL: "gpt-test",
    POSTMARK_SERVER_TOKEN: "pm-token",
    POSTMARK_API_URL: postmark.url,
    TWILIO_ACCOUNT_SID: TWILIO_TEST.sid,
    TWILIO_AUTH_TOKEN: TWILIO_TEST.token,
    TWILIO_FROM_NUMBER: TWILIO_TEST.from,
    TWILIO_API_URL: twilio.url,
  });
});
afterAll(async () => {
  process.env = savedEnv;
  await Promise.all([openai.close(), postmark.close(), twilio.close()]);
});

const SAMPLES = [
  "Hello from the workshop! I pour every candle myself on Tuesdays, so if yours arrived chipped, tell me and I'll send another.",
  "Bonjour, c'est Léa. Je lis chaque message moi-même ; dites-moi simplement ce qui ne va pas et je m'en occupe.",
];

const founder: CurrentUser = { id: "u-founder", email: "lea@atelier-lune.example", name: "Léa", role: "founder" };
const agent: CurrentUser = { id: "u-agent", email: "marc@atelier-lune.example", name: "Marc", role: "agent" };

beforeEach(async () => {
  await truncateAllTables();
  await makeShopSettings({ voiceSamples: SAMPLES });
  openai.setMode({ kind: "error", status: 500 });
  session.user = null;
});

const answer = (draft: { subject: string | null; body: string }) =>
  openai.setMode({ kind: "text", content: JSON.stringify(draft) });
const lastPayload = () => openai.payloads.at(-1)!;
const message = (role: string) => lastPayload().messages.find((m) => m.role === role)?.content ?? "";

describe("draft in my voice", () => {
  it("returns the draft, asked for from the samples, the step's purpose and the language", async () => {
    answer({
      subject: "Votre {{productName}} est bien arrivée ?",
      body: "Bonjour {{firstName}},\n\nC'est {{founderName}}. Tout est arrivé en bon état ? Répondez-moi si besoin.",
    });
    const draft = await draftTemplateInVoice({ templateKey: "post_delivery_day1", channel: "email", locale: "fr" });
    expect(draft).toEqual({
      subject: "Votre {{productName}} est bien arrivée ?",
      body: "Bonjour {{firstName}},\n\nC'est {{founderName}}. Tout est arrivé en bon état ? Répondez-moi si besoin.",
    });

    const payload = lastPayload();
    expect(payload.model).toBe("gpt-test");
    expect(payload.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "template_draft" } });
    const prompt = message("user");
    for (const sample of SAMPLES) expect(prompt).toContain(sample);
    expect(prompt).toContain("check-in the day after delivery");
    expect(prompt).toContain("Do NOT ask for a review");
    expect(prompt).toContain("write in French");
    expect(prompt).toContain("Write this message from scratch.");
    const rules = message("system");
    expect(rules).toContain('First person singular: "I"');
    expect(rules).toContain("No pressure and no urgency");
    // Only what this step (a post-delivery message) fills: no checkout link.
    expect(rules).toContain(
      "use only {{firstName}} {{productName}} {{shopName}} {{founderName}} {{reviewLink}} {{orderNumber}} (",
    );
    expect(rules).toContain("Léa");
  });

  it("rewrites the current text, and an SMS has no subject", async () => {
    answer({
      subject: "ignored",
      body: "Hi {{firstName}}, it's {{founderName}}. A few words would help me: {{reviewLink}} Reply STOP to opt out",
    });
    const draft = await draftTemplateInVoice({
      templateKey: "sms_review_request",
      channel: "sms",
      locale: "en",
      currentText: "Please review us: {{reviewLink}}",
    });
    expect(draft.subject).toBeNull();
    const prompt = message("user");
    expect(prompt).toContain("Rewrite this current text in my voice");
    expect(prompt).toContain("Please review us: {{reviewLink}}");
    expect(prompt).toContain("under 160 GSM-7 characters");
    expect(prompt).toContain("write in English");

    answer({
      subject: "Something went wrong?",
      body: "Hi {{firstName}}, I saw your order stopped. Reply and I'll help. {{checkoutLink}}",
    });
    await draftTemplateInVoice({
      templateKey: "abandoned_checkout",
      channel: "email",
      locale: "en",
      currentText: "Come back!",
      subject: "Your cart",
    });
    expect(message("user")).toContain("3-D Secure");
    expect(message("user")).toContain("Subject: Your cart");
  });

  it("refuses an answer with a variable templates cannot fill", async () => {
    answer({ subject: "A gift for you", body: "Hi {{firstName}}, here is {{discountCode}}. Reply if you need me." });
    await expect(
      draftTemplateInVoice({ templateKey: "post_delivery_day5", channel: "email", locale: "en" }),
    ).rejects.toThrow(/Unknown variable \{\{discountCode\}\}.*Nothing was changed/);
  });

  it("refuses an answer that is not a draft", async () => {
    openai.setMode({ kind: "text", content: "Sure! Here is a lovely email…" });
    await expect(
      draftTemplateInVoice({ templateKey: "post_delivery_day5", channel: "email", locale: "en" }),
    ).rejects.toThrow("not a usable draft");
  });

  it("asks for samples in Settings → Voice when there are none, without calling OpenAI", async () => {
    await db.shopSettings.update({ where: { id: 1 }, data: { voiceSamples: [] } });
    const before = openai.payloads.length;
    await expect(
      draftTemplateInVoice({ templateKey: "post_delivery_day5", channel: "email", locale: "en" }),
    ).rejects.toThrow("Add some in Settings → Voice");
    expect(openai.payloads.length).toBe(before);
  });

  it("says plainly when OpenAI fails or refuses", async () => {
    const input = { templateKey: "canned:card_declined", channel: "email", locale: "en" } as const;
    openai.setMode({ kind: "error", status: 500 });
    await expect(draftTemplateInVoice(input)).rejects.toThrow(
      "OpenAI failed (500). This is on OpenAI's side; try again in a moment.",
    );
    openai.setMode({ kind: "error", status: 401 });
    await expect(draftTemplateInVoice(input)).rejects.toThrow("OpenAI refused the key (401). Check OPENAI_API_KEY");
    openai.setMode({ kind: "error", status: 429 });
    await expect(draftTemplateInVoice(input)).rejects.toThrow("(429)");
  });

  it("gives up after the timeout when OpenAI hangs", async () => {
    openai.setMode({ kind: "hang" });
    const started = Date.now();
    await expect(
      draftTemplateInVoice({ templateKey: "post_delivery_day14", channel: "email", locale: "en" }, { timeoutMs: 300 }),
    ).rejects.toThrow("OpenAI did not answer within 0.3 seconds; try again.");
    expect(Date.now() - started).toBeLessThan(3_000); // the deadline covers the retry too
  });

  it("explains how to enable AI when no key is set", async () => {
    const before = openai.payloads.length;
    const noKey = { ...env(), OPENAI_API_KEY: undefined };
    await expect(
      draftTemplateInVoice({ templateKey: "post_delivery_day5", channel: "email", locale: "en" }, { env: noKey }),
    ).rejects.toThrow(ENABLE_AI_MESSAGE);
    await expect(suggestReply("any", { env: noKey })).rejects.toThrow("set OPENAI_API_KEY");
    // The server's setting is missing, not the caller's fault: 503, for an admin to fix.
    await expect(suggestReply("any", { env: noKey })).rejects.toMatchObject({ code: "not_configured", status: 503 });
    expect(openai.payloads.length).toBe(before);
  });
});

async function conversationWithThread() {
  const customer = await makeCustomer({ firstName: "Camille", locale: "fr", phone: "+33612345678" });
  const conversation = await db.conversation.create({
    data: { customerId: customer.id, mailboxHash: `h-${customer.id}`, subject: "Lampe", lastMessageAt: new Date() },
  });
  const at = (minutes: number) => new Date(Date.now() - (100 - minutes) * 60_000);
  const base = { conversationId: conversation.id, channel: "email" as const };
  // Old messages first: only the last ten (notes aside) reach the prompt.
  for (let i = 1; i <= 3; i++)
    await db.message.create({
      data: {
        ...base,
        direction: "inbound",
        authorType: "customer",
        textBody: `ancien message ${i}`,
        deliveryStatus: "received",
        createdAt: at(i),
      },
    });
  for (let i = 4; i <= 9; i++)
    await db.message.create({
      data: {
        ...base,
        direction: "outbound",
        authorType: "automation",
        textBody: `relance ${i}`,
        deliveryStatus: "sent",
        createdAt: at(i),
      },
    });
  await db.message.create({
    data: {
      ...base,
      direction: "inbound",
      authorType: "customer",
      textBody: "Bonjour, ma lampe ne s'allume plus depuis hier.\n\n> quoted",
      strippedText: "Bonjour, ma lampe ne s'allume plus depuis hier.",
      deliveryStatus: "received",
      createdAt: at(20),
    },
  });
  await db.message.create({
    data: {
      ...base,
      direction: "outbound",
      authorType: "staff",
      textBody: "Avez-vous essayé un autre câble ?",
      deliveryStatus: "sent",
      createdAt: at(21),
    },
  });
  await db.message.create({
    data: {
      ...base,
      direction: "outbound",
      authorType: "staff",
      isInternalNote: true,
      textBody: "NOTE: client VIP, ne pas mentionner",
      deliveryStatus: "sent",
      createdAt: at(22),
    },
  });
  await db.message.create({
    data: {
      ...base,
      direction: "inbound",
      authorType: "customer",
      textBody: "Oui, toujours rien.",
      deliveryStatus: "received",
      createdAt: at(23),
    },
  });
  return conversation;
}

describe("suggest a reply", () => {
  it("drafts from the thread in the customer's language and sends nothing", async () => {
    const conversation = await conversationWithThread();
    const counts = async () => ({
      messages: await db.message.count(),
      scheduled: await db.scheduledMessage.count(),
      links: await db.trackedLink.count(),
    });
    const before = await counts();
    const sentBefore = { postmark: postmark.requests, twilio: twilio.requests };
    openai.setMode({
      kind: "text",
      content:
        "Bonjour Camille,\n\nDésolée pour ce souci. Pouvez-vous m'envoyer une photo du bouton ? Je regarde ça moi-même.",
    });

    expect(await suggestReply(conversation.id)).toEqual({
      text: "Bonjour Camille,\n\nDésolée pour ce souci. Pouvez-vous m'envoyer une photo du bouton ? Je regarde ça moi-même.",
    });

    const prompt = message("user");
    expect(prompt).toContain("Customer (Camille)");
    expect(prompt).toContain("Bonjour, ma lampe ne s'allume plus depuis hier.");
    expect(prompt).not.toContain("> quoted"); // the stripped reply, not the quote
    expect(prompt).toContain("Me (the shop), email]\nAvez-vous essayé un autre câble ?");
    expect(prompt).toContain("Oui, toujours rien.");
    expect(prompt).not.toContain("NOTE: client VIP"); // notes stay inside
    expect(prompt).not.toContain("ancien message 1"); // beyond the last ten
    expect(prompt).toContain("ancien message 3");
    expect(prompt.indexOf("ancien message 3")).toBeLessThan(prompt.indexOf("Oui, toujours rien.")); // oldest first
    expect(prompt).toContain("by email, in French");
    for (const sample of SAMPLES) expect(prompt).toContain(sample);
    expect(message("system")).toContain("Atelier Lune");
    expect(message("system")).toContain("help first");

    expect(await counts()).toEqual(before);
    expect({ postmark: postmark.requests, twilio: twilio.requests }).toEqual(sentBefore);
    expect(postmark.sent).toHaveLength(0);
    expect(twilio.sent).toHaveLength(0);
  });

  it("writes for SMS when asked, and refuses unknown variables", async () => {
    const conversation = await conversationWithThread();
    openai.setMode({ kind: "text", content: "Bonjour {{prenom}}, je regarde ça." });
    await expect(suggestReply(conversation.id, { channel: "sms" })).rejects.toThrow("Unknown variable {{prenom}}");
    expect(message("user")).toContain("by SMS");
  });

  it("says when the conversation is gone", async () => {
    await expect(suggestReply("missing")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("voice samples", () => {
  it("are saved trimmed and audited with counts, not texts", async () => {
    await db.shopSettings.update({ where: { id: 1 }, data: { voiceSamples: [] } });
    const saved = await updateVoiceSamples({ samples: [`  ${SAMPLES[0]}  `, SAMPLES[1]!] }, null);
    expect(saved.samples).toEqual(SAMPLES);
    expect(await getVoiceSamples()).toEqual(SAMPLES);
    await updateVoiceSamples({ samples: SAMPLES }, null); // unchanged: no entry
    await updateVoiceSamples({ samples: [SAMPLES[1]!] }, null);
    const entries = await db.auditLog.findMany({
      where: { action: "settings.voice_samples_updated" },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((e) => e.data)).toEqual([
      { samples: [0, 2], changed: 2 },
      { samples: [2, 1], changed: 1 },
    ]);
    expect(JSON.stringify(entries)).not.toContain("workshop");
  });

  it("are checked: five at most, 20 to 2000 characters each", async () => {
    await db.user.create({ data: { ...founder, passwordHash: "x" } });
    session.user = founder;
    const tooShort = await saveVoiceSamplesAction({ samples: [SAMPLES[0], "  Merci !  "] });
    expect(tooShort).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { "samples.1": ["A sample must be at least 20 characters."] },
    });
    const tooLong = await saveVoiceSamplesAction({ samples: ["x".repeat(2001)] });
    expect(tooLong).toMatchObject({
      ok: false,
      fieldErrors: { "samples.0": ["A sample must be at most 2000 characters."] },
    });
    const tooMany = await saveVoiceSamplesAction({ samples: Array.from({ length: 6 }, () => SAMPLES[0]) });
    expect(tooMany).toMatchObject({
      ok: false,
      fieldErrors: { samples: ["The list of samples takes at most 5 entries."] },
    });
    expect(await getVoiceSamples()).toEqual(SAMPLES);

    expect(await saveVoiceSamplesAction({ samples: [] })).toEqual({ ok: true, data: { samples: [] } });
    expect(await db.auditLog.findFirst({ where: { action: "settings.voice_samples_updated" } })).toMatchObject({
      actorUserId: founder.id,
    });
  });

  it("need the shop set up first, and the founder or an admin", async () => {
    session.user = agent;
    expect(await saveVoiceSamplesAction({ samples: [] })).toMatchObject({ ok: false, code: "forbidden" });
    await truncateAllTables();
    await expect(updateVoiceSamples({ samples: SAMPLES }, null)).rejects.toThrow("Save the shop details above first.");
  });
});

describe("actions", () => {
  it("refuse a signed-out caller without calling OpenAI", async () => {
    const before = openai.payloads.length;
    expect(
      await draftInVoiceAction({ templateKey: "post_delivery_day5", channel: "email", locale: "en" }),
    ).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await suggestReplyAction({ conversationId: "c1" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await saveVoiceSamplesAction({ samples: [] })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(openai.payloads.length).toBe(before);
  });

  it("let an agent draft and suggest, with failures as plain messages", async () => {
    session.user = agent;
    answer({
      subject: "Merci {{firstName}}",
      body: "Merci pour votre message ! Répondez-moi si besoin : {{reviewLink}}",
    });
    expect(await draftInVoiceAction({ templateKey: "auto_review_link", channel: "email", locale: "fr" })).toEqual({
      ok: true,
      data: {
        subject: "Merci {{firstName}}",
        body: "Merci pour votre message ! Répondez-moi si besoin : {{reviewLink}}",
      },
    });
    expect(await draftInVoiceAction({ templateKey: "made_up", channel: "email", locale: "fr" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { templateKey: ["The template is not valid."] },
    });

    const conversation = await conversationWithThread();
    openai.setMode({ kind: "text", content: "Je regarde ça tout de suite, Camille." });
    expect(await suggestReplyAction({ conversationId: conversation.id })).toEqual({
      ok: true,
      data: { text: "Je regarde ça tout de suite, Camille." },
    });
    openai.setMode({ kind: "error", status: 503 });
    expect(await suggestReplyAction({ conversationId: conversation.id })).toEqual({
      ok: false,
      code: "provider_unavailable",
      error: "OpenAI failed (503). This is on OpenAI's side; try again in a moment.",
    });
    expect(postmark.sent).toHaveLength(0);
    expect(twilio.sent).toHaveLength(0);
  });
});
