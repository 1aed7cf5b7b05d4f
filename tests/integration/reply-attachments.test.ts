import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { createUser } from "@/lib/users/create-user";
import { withFakeProviders } from "../support/fake-provider-env";
import { makeCustomer, makeShopSettings } from "../support/factories";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentUserPreferences: async () => ({ locale: "auto", timeZone: "auto" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { sendStaffReply } = await import("@/lib/inbox/send-staff-reply");
const { storeReplyUpload, removeUnsentUploads, readMediaForProvider, readAttachment, joinUploads } =
  await import("@/lib/attachments/reply-uploads");
const { sendReplyAction, undoReplyAction } = await import("@/app/(app)/inbox/[conversationId]/actions");
const uploadRoute = await import("@/app/api/attachments/route");
const downloadRoute = await import("@/app/api/attachments/[attachmentId]/route");
const mediaRoute = await import("@/app/api/media/[attachmentId]/route");

const fakes = withFakeProviders({ TWILIO_FROM_NUMBER: "+14155550100" });

beforeEach(async () => {
  await truncateAllTables();
  session.user = null;
  await makeShopSettings();
  await ensureDefaultTemplates();
});

// A small real PNG (1x1) and a PDF header: what an agent attaches.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n% étiquette retour Colissimo\n");

async function setup(phone = "+33611223344") {
  const agent = await createUser({
    email: "sofia@shop.test",
    name: "Sofia",
    role: "agent",
    password: "agent-password",
  });
  const other = await createUser({ email: "marc@shop.test", name: "Marc", role: "agent", password: "agent-password" });
  const customer = await makeCustomer({ phone, email: "elodie@example.fr", firstName: "Élodie" });
  const conversation = await db.conversation.create({
    data: { customerId: customer.id, mailboxHash: "hash42", lastMessageAt: new Date(), subject: "Retour" },
  });
  for (const channel of ["email", "sms"] as const)
    await db.message.create({
      data: {
        conversationId: conversation.id,
        direction: "inbound",
        channel,
        authorType: "customer",
        textBody: "Le câble est trop court, je peux l'échanger ?",
        emailMessageId: channel === "email" ? "<c1@mail.example>" : null,
        deliveryStatus: "received",
        createdAt: new Date(Date.now() - 60_000),
      },
    });
  return { agent, other, conversation };
}

const reply = (conversationId: string, attachmentIds: string[], overrides: Record<string, unknown> = {}) => ({
  conversationId,
  channel: "email" as "email" | "sms",
  text: "Voici **l'étiquette retour** et le [guide](https://atelier.example/guide).\n\n- imprimez-la\n- collez-la",
  clientRequestId: randomUUID(),
  seenUpToMessageId: null,
  sendAnyway: true,
  attachmentIds,
  ...overrides,
});

describe("files in staff replies", () => {
  it("sends an email reply's files through Postmark with an HTML part and a plain-text part", async () => {
    const { agent, conversation } = await setup();
    const label = await storeReplyUpload(
      { name: "étiquette-retour.pdf", type: "application/pdf", bytes: PDF },
      agent.id,
    );
    const photo = await storeReplyUpload({ name: "bon-cable.png", type: "image/png", bytes: PNG }, agent.id);
    const result = await sendStaffReply(reply(conversation.id, [label.id, photo.id]), agent);
    expect(result.outcome).toBe("sent");
    const mail = fakes.postmark.sent[0]!;
    expect(mail.Attachments).toEqual([
      {
        Name: "étiquette-retour.pdf",
        Content: PDF.toString("base64"),
        ContentType: "application/pdf",
        ContentID: null,
      },
      { Name: "bon-cable.png", Content: PNG.toString("base64"), ContentType: "image/png", ContentID: null },
    ]);
    expect(mail.HtmlBody).toContain("<strong>l&#39;étiquette retour</strong>");
    expect(mail.HtmlBody).toContain('<a href="https://atelier.example/guide" style="color:#25654f">guide</a>');
    expect(mail.HtmlBody).toMatch(/<ul[^>]*><li[^>]*>imprimez-la<\/li>/);
    expect(mail.TextBody).toContain("Voici l'étiquette retour et le guide (https://atelier.example/guide).");
    const stored = await db.attachment.findMany({ where: { messageId: (result as { messageId: string }).messageId } });
    expect(stored.map((a) => a.filename).sort()).toEqual(["bon-cable.png", "étiquette-retour.pdf"]);
  });

  it("resends the same files when a failed reply is retried", async () => {
    const { agent, conversation } = await setup();
    const label = await storeReplyUpload({ name: "label.pdf", type: "application/pdf", bytes: PDF }, agent.id);
    fakes.postmark.failNext({ status: 500, body: { ErrorCode: 0, Message: "down" } });
    const input = reply(conversation.id, [label.id]);
    expect((await sendStaffReply(input, agent)).outcome).toBe("failed");
    expect((await sendStaffReply(input, agent)).outcome).toBe("sent");
    expect(fakes.postmark.sent.at(-1)!.Attachments?.map((a) => a.Name)).toEqual(["label.pdf"]);
  });

  it("refuses a teammate's upload, an upload already sent, and files no provider takes", async () => {
    const { agent, other, conversation } = await setup();
    const mine = await storeReplyUpload({ name: "label.pdf", type: "application/pdf", bytes: PDF }, agent.id);
    await expect(sendStaffReply(reply(conversation.id, [mine.id]), other)).rejects.toThrow(
      "An attached file is no longer there",
    );
    await sendStaffReply(reply(conversation.id, [mine.id]), agent);
    await expect(sendStaffReply(reply(conversation.id, [mine.id]), agent)).rejects.toThrow(
      "An attached file is no longer there",
    );
    await expect(
      storeReplyUpload({ name: "facture.pdf.exe", type: "application/octet-stream", bytes: PDF }, agent.id),
    ).rejects.toThrow("facture.pdf.exe: .exe files cannot be sent");
    await expect(
      storeReplyUpload(
        { name: "video.mov", type: "video/quicktime", bytes: Buffer.alloc(7 * 1024 * 1024 + 1) },
        agent.id,
      ),
    ).rejects.toThrow("video.mov is larger than 7 MB");
    expect(fakes.postmark.sent).toHaveLength(1);
  });

  it("sends pictures by MMS to a North American number, fetched by Twilio at a signed address", async () => {
    const { agent, conversation } = await setup("+14155550199");
    const photo = await storeReplyUpload({ name: "cable.png", type: "image/png", bytes: PNG }, agent.id);
    const result = await sendStaffReply(
      reply(conversation.id, [photo.id], { channel: "sms", text: "Voici le bon câble." }),
      agent,
    );
    expect(result.outcome).toBe("sent");
    const [url] = fakes.twilio.sent[0]!.mediaUrls;
    expect(url).toMatch(new RegExp(`^https://inbox\\.atelier-lune\\.example/api/media/${photo.id}\\?signature=`));
    const signature = new URL(url!).searchParams.get("signature")!;
    const served = await mediaRoute.GET(new Request(url!), { params: Promise.resolve({ attachmentId: photo.id }) });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
    expect(
      await readMediaForProvider(
        photo.id,
        signature.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
      ),
    ).toBeNull();
  });

  it("refuses files by SMS outside North America and anything but pictures, with nothing sent or stored", async () => {
    const { agent, conversation } = await setup("+33611223344");
    const photo = await storeReplyUpload({ name: "cable.png", type: "image/png", bytes: PNG }, agent.id);
    await expect(
      sendStaffReply(reply(conversation.id, [photo.id], { channel: "sms", text: "Voici." }), agent),
    ).rejects.toThrow("Files by text (MMS) reach only US and Canadian numbers: send them by email.");
    await db.customer.updateMany({ data: { phone: "+14155550199" } });
    const label = await storeReplyUpload({ name: "label.pdf", type: "application/pdf", bytes: PDF }, agent.id);
    await expect(
      sendStaffReply(reply(conversation.id, [photo.id, label.id], { channel: "sms", text: "Voici." }), agent),
    ).rejects.toThrow("label.pdf: a text (MMS) can carry only JPEG, PNG or GIF pictures. Send it by email.");
    expect(fakes.twilio.sent).toHaveLength(0);
    expect(await db.message.count({ where: { direction: "outbound" } })).toBe(0);
    expect(await db.attachment.count({ where: { id: photo.id, messageId: null } })).toBe(1);
  });

  it("puts a held reply's files back in the composer on Undo", async () => {
    const { agent, conversation } = await setup();
    session.user = { ...agent, sessionVersion: 0 } as CurrentUser;
    const label = await storeReplyUpload({ name: "label.pdf", type: "application/pdf", bytes: PDF }, agent.id);
    const sent = await sendReplyAction(reply(conversation.id, [label.id]));
    if (!sent.ok || sent.data.outcome !== "held") throw new Error(`not held: ${JSON.stringify(sent)}`);
    const undone = await undoReplyAction({ conversationId: conversation.id, messageId: sent.data.messageId });
    expect(undone).toEqual({
      ok: true,
      data: [{ id: label.id, filename: "label.pdf", contentType: "application/pdf", size: PDF.length }],
    });
    await settleBackgroundWork();
    expect(fakes.postmark.sent).toHaveLength(0);
    expect(await db.attachment.findUnique({ where: { id: label.id } })).toMatchObject({ messageId: null });
  });

  it("never lets two replies share a file: the one that finds it taken is refused whole, nothing sent", async () => {
    const { agent, conversation } = await setup();
    const label = await storeReplyUpload({ name: "label.pdf", type: "application/pdf", bytes: PDF }, agent.id);
    const first = await db.message.create({
      data: {
        conversationId: conversation.id,
        direction: "outbound",
        channel: "email",
        authorType: "staff",
        authorUserId: agent.id,
        textBody: "held elsewhere",
        deliveryStatus: "queued",
      },
    });
    // Another tab's send took it between this send's check and its join.
    await expect(
      db.$transaction(async (tx) => {
        await tx.attachment.update({ where: { id: label.id }, data: { messageId: first.id } });
        await joinUploads([label.id], "someone-else", agent.id, tx);
      }),
    ).rejects.toThrow("An attached file is no longer there");
    await db.attachment.update({ where: { id: label.id }, data: { messageId: first.id } });
    await expect(sendStaffReply(reply(conversation.id, [label.id]), agent)).rejects.toThrow(
      "An attached file is no longer there",
    );
    expect(fakes.postmark.sent).toHaveLength(0);
    expect((await db.attachment.findUniqueOrThrow({ where: { id: label.id } })).messageId).toBe(first.id);
  });

  it("removes uploads nobody sent after a day, and keeps sent files", async () => {
    const { agent, conversation } = await setup();
    const old = await storeReplyUpload({ name: "old.pdf", type: "application/pdf", bytes: PDF }, agent.id);
    const fresh = await storeReplyUpload({ name: "fresh.pdf", type: "application/pdf", bytes: PDF }, agent.id);
    const sent = await storeReplyUpload({ name: "sent.pdf", type: "application/pdf", bytes: PDF }, agent.id);
    await sendStaffReply(reply(conversation.id, [sent.id]), agent);
    await db.attachment.updateMany({
      where: { id: { in: [old.id, sent.id] } },
      data: { createdAt: new Date(Date.now() - 25 * 60 * 60_000) },
    });
    expect(await removeUnsentUploads(new Date())).toBe(1);
    expect((await db.attachment.findMany({ select: { id: true } })).map((a) => a.id).sort()).toEqual(
      [fresh.id, sent.id].sort(),
    );
  });
});

describe("attachment routes", () => {
  it("uploads over HTTP with a clear error for a bad file, and downloads with a safe type", async () => {
    const { agent } = await setup();
    const post = (file: File | null) => {
      const form = new FormData();
      if (file) form.set("file", file);
      return uploadRoute.POST(new Request("http://app/api/attachments", { method: "POST", body: form }));
    };
    expect((await post(new File([PDF], "label.pdf", { type: "application/pdf" }))).status).toBe(401);
    session.user = { ...agent, sessionVersion: 0 } as CurrentUser;
    const refused = await post(new File([PDF], "setup.bat", { type: "application/x-msdos-program" }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toContain("setup.bat: .bat files cannot be sent");
    expect((await post(null)).status).toBe(400);

    const page = await post(new File(["<script>alert(1)</script>"], "page.html", { type: "text/html" }));
    expect(page.status).toBe(201);
    const { id } = (await page.json()) as { id: string };
    const download = await downloadRoute.GET(new Request(`http://app/api/attachments/${id}?inline=1`), {
      params: Promise.resolve({ attachmentId: id }),
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/octet-stream");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="page.html"/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-security-policy")).toContain("sandbox");

    // Not sent yet: another teammate cannot read it.
    const other = await db.user.findFirstOrThrow({ where: { email: "marc@shop.test" } });
    expect(await readAttachment(id, other.id)).toBeNull();
  });
});
