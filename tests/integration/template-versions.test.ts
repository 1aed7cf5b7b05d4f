import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { dispatchDueMessages } from "@/lib/jobs/dispatch-due-messages";
import { STEPS, idempotencyKey } from "@/lib/outbound/flow-steps";
import { TEMPLATE_KEYS } from "@/lib/templates/default-templates";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { createUser } from "@/lib/users/create-user";
import { startFakePostmark, type FakePostmark } from "@/tools/fake-providers";
import { makeCustomer, makeOrder, makeShopSettings } from "../support/factories";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null, locale: "en" as "en" | "fr" }));
// The users these tests sign in keep the default preferences (follow the browser).
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentUserPreferences: async () => ({ locale: "auto", timeZone: "auto" }),
}));
vi.mock("@/lib/auth/viewer-locale", () => ({ getUiLocale: async () => session.locale }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { proposeVersion, reviewVersion, listApprovalQueue } = await import("@/lib/templates/template-versions");
const { proposeVersionAction, reviewVersionAction } = await import("@/app/(app)/templates/actions");

let postmark: FakePostmark;
const savedEnv = { ...process.env };

beforeAll(async () => {
  postmark = await startFakePostmark("pm-token");
  Object.assign(process.env, {
    APP_URL: "https://inbox.atelier-lune.example",
    POSTMARK_SERVER_TOKEN: "pm-token",
    POSTMARK_API_URL: postmark.url,
  });
});
afterAll(async () => {
  process.env = savedEnv;
  await postmark.close();
});

beforeEach(async () => {
  await truncateAllTables();
  postmark.sent.length = 0;
  session.user = null;
  session.locale = "en";
  await makeShopSettings({ defaultLocale: "en" });
  await ensureDefaultTemplates();
});

async function people() {
  const make = (role: "agent" | "founder" | "admin", name: string) =>
    createUser({ email: `${role}@shop.test`, name, role, password: `${role}-password` });
  const [agent, founder, admin] = [
    await make("agent", "Sofia"),
    await make("founder", "Léa"),
    await make("admin", "Alex"),
  ];
  const asUser = (u: typeof agent): CurrentUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });
  return { agent: asUser(agent), founder: asUser(founder), admin: asUser(admin) };
}

const checkInEn = () =>
  db.template.findUniqueOrThrow({
    where: { key_channel_locale: { key: TEMPLATE_KEYS.checkIn, channel: "email", locale: "en" } },
  });

describe("template versions and approval", () => {
  it("an agent proposes, cannot approve; the founder approves, and the founder was told by email", async () => {
    const { agent, founder } = await people();
    const template = await checkInEn();
    session.user = agent;
    const proposed = await proposeVersionAction({
      templateId: template.id,
      subject: "How is your {{productName}}?",
      preheader: "",
      body: "Hi {{firstName}}, it's {{founderName}}. Anything not right? Just reply.",
      submit: true,
    });
    expect(proposed).toMatchObject({ ok: true, data: { number: 2, status: "pending_approval" } });
    expect(postmark.sent).toMatchObject([{ To: "founder@shop.test", Subject: expect.stringContaining("To approve") }]);
    const [queued] = await listApprovalQueue();
    expect(queued).toMatchObject({ number: 2, author: "Sofia", approved: { number: 1 } });

    expect(await reviewVersionAction({ versionId: queued!.id, decision: "approve" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect((await checkInEn()).approvedVersionId).toBe(template.approvedVersionId);

    session.user = founder;
    expect(await reviewVersionAction({ versionId: queued!.id, decision: "approve", comment: "Lovely" })).toMatchObject({
      ok: true,
      data: { status: "approved", number: 2 },
    });
    expect((await checkInEn()).approvedVersionId).toBe(queued!.id);
    expect(await reviewVersionAction({ versionId: queued!.id, decision: "reject", comment: "again" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    const audit = await db.auditLog.findMany({ where: { entityType: "template" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["template.version_submitted", "template.version_approved"]);
    expect(audit[1]!.data).toMatchObject({
      version: 2,
      replaces: 1,
      diff: expect.arrayContaining([expect.objectContaining({ kind: "added" })]),
    });
  });

  it("an admin approves only when acting explicitly as the founder; a rejection needs a comment", async () => {
    const { agent, admin } = await people();
    const template = await checkInEn();
    const version = await proposeVersion(
      {
        templateId: template.id,
        subject: "Hello",
        body: "Hi {{firstName}}, just reply if anything is wrong.",
        submit: true,
      },
      agent,
    );
    await expect(
      reviewVersion({ versionId: version.id, decision: "approve", actingAsFounder: false }, admin),
    ).rejects.toMatchObject({ code: "forbidden" });
    session.user = admin;
    expect(await reviewVersionAction({ versionId: version.id, decision: "reject" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { comment: [expect.any(String)] },
    });
    expect(
      await reviewVersionAction({
        versionId: version.id,
        decision: "reject",
        comment: "Too short",
        actingAsFounder: true,
      }),
    ).toMatchObject({ ok: true, data: { status: "rejected" } });
    expect(await db.templateVersion.findUniqueOrThrow({ where: { id: version.id } })).toMatchObject({
      status: "rejected",
      reviewComment: "Too short",
      reviewedById: admin.id,
    });
    expect((await db.auditLog.findFirstOrThrow({ where: { action: "template.version_rejected" } })).data).toMatchObject(
      { actingAsFounder: true },
    );
  });

  it("refuses an unknown variable where it is, and keeps every save as a numbered version", async () => {
    const { agent } = await people();
    const template = await checkInEn();
    session.user = agent;
    const result = await proposeVersionAction({
      templateId: template.id,
      subject: "Hi",
      body: "Hello {{frstName}}",
      submit: false,
    });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { body: [expect.stringContaining("did you mean {{firstName}}")] },
    });
    await proposeVersionAction({
      templateId: template.id,
      subject: "Hi",
      body: "Hello {{firstName}}, reply any time.",
      submit: false,
    });
    await proposeVersionAction({
      templateId: template.id,
      subject: "Hi",
      body: "Hello {{firstName}}, reply whenever.",
      submit: false,
    });
    expect(
      await db.templateVersion.findMany({
        where: { templateId: template.id },
        orderBy: { number: "asc" },
        select: { number: true, status: true },
      }),
    ).toEqual([
      { number: 1, status: "approved" },
      { number: 2, status: "draft" },
      { number: 3, status: "draft" },
    ]);
    expect(postmark.sent).toHaveLength(0);
  });

  it("refuses a variable the step does not fill, by field and in the reader's language, when saving and when approving", async () => {
    const { agent, founder } = await people();
    const template = await checkInEn();
    session.user = agent;
    session.locale = "fr";
    const result = await proposeVersionAction({
      templateId: template.id,
      subject: "Your basket {{checkoutLink}}",
      body: "Hi {{firstName}}, your basket is still here: {{checkoutLink}}",
      submit: true,
    });
    expect(result).toMatchObject({
      ok: false,
      code: "bad_request",
      fieldErrors: {
        subject: [
          "Objet : {{checkoutLink}} n'est pas disponible dans ce message. Il peut utiliser {{firstName}}, {{productName}}, {{shopName}}, {{founderName}}, {{reviewLink}}, {{orderNumber}}.",
        ],
        body: [expect.stringContaining("Message : {{checkoutLink}} n'est pas disponible")],
      },
    });
    expect(await db.templateVersion.count({ where: { templateId: template.id } })).toBe(1);
    // A version that got into the queue some other way is not approved either.
    const pending = await db.templateVersion.create({
      data: {
        templateId: template.id,
        number: 2,
        subject: "Hi",
        body: "Basket: {{checkoutLink}}",
        status: "pending_approval",
        authorId: agent.id,
      },
    });
    session.user = founder;
    session.locale = "en";
    expect(await reviewVersionAction({ versionId: pending.id, decision: "approve" })).toMatchObject({
      ok: false,
      code: "bad_request",
      fieldErrors: { body: [expect.stringContaining("Message: {{checkoutLink}} is not available in this message")] },
    });
    expect((await db.templateVersion.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("pending_approval");
  });

  it("sending uses only the approved version: a newer draft or pending version changes nothing until approved", async () => {
    const { agent, founder } = await people();
    const template = await checkInEn();
    const customer = await makeCustomer({ locale: "en", email: "sam@example.test" });
    const order = await makeOrder(customer.id, { deliveredAt: new Date("2026-11-20T10:00:00Z") });
    const schedule = (dueAt: Date, subject: string) =>
      db.scheduledMessage.create({
        data: {
          flow: "post_delivery",
          step: STEPS.checkIn.step,
          channel: "email",
          customerId: customer.id,
          orderId: order.id,
          dueAt,
          idempotencyKey: idempotencyKey(STEPS.checkIn, `${order.id}-${subject}`),
        },
      });
    const pending = await proposeVersion(
      { templateId: template.id, subject: "NEW subject", body: "NEW text, {{firstName}}. Just reply.", submit: true },
      agent,
    );
    postmark.sent.length = 0;
    await schedule(new Date("2026-11-21T10:00:00Z"), "a");
    await dispatchDueMessages({ now: () => new Date("2026-11-21T10:01:00Z") });
    expect(postmark.sent).toHaveLength(1);
    expect(postmark.sent[0]!.TextBody).not.toContain("NEW text");

    await reviewVersion({ versionId: pending.id, decision: "approve" }, founder);
    await schedule(new Date("2026-11-21T11:00:00Z"), "b");
    await dispatchDueMessages({ now: () => new Date("2026-11-21T11:01:00Z") });
    expect(postmark.sent).toHaveLength(2);
    expect(postmark.sent[1]).toMatchObject({
      Subject: "NEW subject",
      TextBody: expect.stringContaining("NEW text, Camille"),
    });
  });
});
