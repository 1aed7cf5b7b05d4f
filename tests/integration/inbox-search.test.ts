import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { messageSearchSql, phoneDigits, RECENT_WINDOW, searchInbox } from "@/lib/search/search-inbox";
import { makeCustomer } from "../support/factories";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
// The users these tests sign in keep the default preferences (follow the browser).
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentUserPreferences: async () => ({ locale: "auto", timeZone: "auto" }),
}));
const { GET } = await import("@/app/api/inbox/search/route");

beforeEach(async () => {
  session.user = null;
  await truncateAllTables();
});

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 10, 0) + minutes * 60_000);
let n = 0;

async function conversationFor(customer: { id: string }, lastMessageAt = at(0)) {
  return db.conversation.create({ data: { customerId: customer.id, mailboxHash: `search-${++n}`, lastMessageAt } });
}

type MessageData = {
  minute?: number;
  isInternalNote?: boolean;
  subject?: string;
  strippedText?: string;
  direction?: "inbound" | "outbound";
};
async function message(conversationId: string, textBody: string, data: MessageData = {}) {
  const outbound = data.direction === "outbound" || data.isInternalNote;
  return db.message.create({
    data: {
      conversationId,
      direction: outbound ? "outbound" : "inbound",
      channel: "email",
      authorType: outbound ? "staff" : "customer",
      isInternalNote: data.isInternalNote ?? false,
      subject: data.subject,
      textBody,
      strippedText: data.strippedText,
      deliveryStatus: outbound ? "sent" : "received",
      createdAt: at(data.minute ?? 0),
    },
  });
}

async function thread() {
  const customer = await makeCustomer({
    firstName: "Chloé",
    lastName: "Petit",
    email: "chloe.petit@example.be",
    phone: "+33612345678",
  });
  return { customer, conversation: await conversationFor(customer) };
}

const ids = (result: Awaited<ReturnType<typeof searchInbox>>) => result.messages.map((m) => m.messageId);

describe("searchInbox: messages", () => {
  it("stems English: refunds finds refund, refunded, refunding", async () => {
    const { conversation } = await thread();
    const a = await message(conversation.id, "Can I get a refund for the candle?", { minute: 1 });
    const b = await message(conversation.id, "I was refunded twice, is that right?", { minute: 2 });
    await message(conversation.id, "The parcel arrived today.", { minute: 3 });
    expect(ids(await searchInbox({ query: "refunds" }))).toEqual([b.id, a.id]);
    expect(ids(await searchInbox({ query: "refunding" }))).toEqual([b.id, a.id]);
  });

  it("stems French and ignores accents: livraisons, arrivees, cassee", async () => {
    const { conversation } = await thread();
    const broken = await message(conversation.id, "Bonjour, ma livraison est arrivée cassée.", { minute: 1 });
    const late = await message(conversation.id, "Les livraisons vers la Belgique sont en retard ?", { minute: 2 });
    await message(conversation.id, "Merci pour la bougie, elle sent bon.", { minute: 3 });
    expect(ids(await searchInbox({ query: "livraisons" }))).toEqual([late.id, broken.id]);
    expect(ids(await searchInbox({ query: "arrivees" }))).toEqual([broken.id]);
    expect(ids(await searchInbox({ query: "cassée" }))).toEqual([broken.id]);
    expect(ids(await searchInbox({ query: "CASSEE" }))).toEqual([broken.id]);
    // And the other way round: a customer typing on a phone without accents.
    const typed = await message(conversation.id, "le flacon est arrive fele", { minute: 4 });
    expect(ids(await searchInbox({ query: "fêlé" }))).toEqual([typed.id]);
    expect(ids(await searchInbox({ query: "arrivée" }))).toEqual([typed.id, broken.id]);
    // Masculine and feminine forms meet, with or without accents.
    const delivered = await message(conversation.id, "Commande livrée hier soir", { minute: 5 });
    for (const query of ["livré", "livrée", "livree"])
      expect(ids(await searchInbox({ query }))).toEqual([delivered.id]);
    // Both words must be there (websearch syntax: words are ANDed, "-word" excludes).
    expect(ids(await searchInbox({ query: "livraison retard" }))).toEqual([late.id]);
    expect(ids(await searchInbox({ query: "livraison -retard" }))).toEqual([broken.id]);
  });

  it("finds a term that is in one message only, with its customer and a plain-text snippet", async () => {
    const { customer, conversation } = await thread();
    await message(conversation.id, "Bonjour, le colis est bien arrivé.", { minute: 1 });
    const only = await message(
      conversation.id,
      "Le parfum <b>Zéphyrine</b> <script>alert(1)</script> est-il encore en stock ?",
      { minute: 2 },
    );
    await message(conversation.id, "Merci beaucoup !", { minute: 3 });
    const result = await searchInbox({ query: "zéphyrine" });
    expect(result.messages).toHaveLength(1);
    const hit = result.messages[0]!;
    expect(hit).toMatchObject({
      messageId: only.id,
      conversationId: conversation.id,
      customerName: "Chloé Petit",
      channel: "email",
      direction: "inbound",
      isInternalNote: false,
    });
    expect(hit.snippetParts.filter((p) => p.match).map((p) => p.text)).toEqual(["Zéphyrine"]);
    // The snippet is plain text: ts_headline drops the mail's tags, and the highlight markers
    // never leak out (the client renders the matched parts itself).
    expect(hit.snippet).toBe("parfum Zéphyrine alert(1) est-il encore en stock");
    expect(hit.snippet).not.toMatch(/[\uE000\uE001]/);
    expect(hit.snippetParts.map((p) => p.text).join("")).toBe(hit.snippet);
    expect(customer.id).toBeTruthy();
  });

  it("searches the subject and the reply, not the quoted history", async () => {
    const { conversation } = await thread();
    const subject = await message(conversation.id, "Bonjour", { subject: "Demande de remboursement", minute: 1 });
    await message(conversation.id, "Merci !\n\n> Votre commande Orion est expédiée", {
      strippedText: "Merci !",
      minute: 2,
    });
    expect(ids(await searchInbox({ query: "remboursement" }))).toEqual([subject.id]);
    expect(ids(await searchInbox({ query: "orion" }))).toEqual([]);
  });

  it("includes internal notes, flagged as such", async () => {
    const { conversation } = await thread();
    const note = await message(conversation.id, "Note : client fidèle, offrir la livraison.", {
      isInternalNote: true,
      minute: 2,
    });
    const mail = await message(conversation.id, "Combien coûte la livraison ?", { minute: 1 });
    const result = await searchInbox({ query: "livraison" });
    expect(result.messages.map((m) => [m.messageId, m.isInternalNote])).toEqual([
      [note.id, true],
      [mail.id, false],
    ]);
  });

  it("orders newest first and pages with a cursor, with no gap or repeat", async () => {
    const { conversation } = await thread();
    const made = [];
    for (let i = 0; i < 25; i++)
      made.push(await message(conversation.id, `Où est mon colis numéro ${i} ?`, { minute: i % 2 === 0 ? i : 30 - i }));
    await message(conversation.id, "Aucun rapport.", { minute: 100 });
    const expected = [...made]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((m) => m.id);
    const first = await searchInbox({ query: "colis", limit: 10 });
    expect(first.customers).toHaveLength(0);
    const second = await searchInbox({ query: "colis", limit: 10, cursor: first.nextCursor });
    const third = await searchInbox({ query: "colis", limit: 10, cursor: second.nextCursor });
    expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(expected);
    expect(third.nextCursor).toBeNull();
    const dates = [...first.messages, ...second.messages, ...third.messages].map((m) => m.createdAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    for (const cursor of [
      "garbage",
      Buffer.from(JSON.stringify({ createdAt: "not a date", id: "x" })).toString("base64url"),
      Buffer.from("[]").toString("base64url"),
    ]) {
      await expect(searchInbox({ query: "colis", cursor })).rejects.toMatchObject({ code: "bad_request" });
    }
  });

  it("finds matches older than the recent window, newest first, the same as either strategy", async () => {
    const { conversation } = await thread();
    const old = [
      await message(conversation.id, "Bougie Orion fêlée", { minute: 1 }),
      await message(conversation.id, "Orion : le verre a fondu", { minute: 2 }),
    ];
    // More newer messages than the bounded look at recent mail covers, none matching.
    await db.message.createMany({
      data: Array.from({ length: RECENT_WINDOW + 50 }, (_, i) => ({
        conversationId: conversation.id,
        direction: "inbound" as const,
        channel: "sms" as const,
        authorType: "customer" as const,
        textBody: `Merci ${i}`,
        deliveryStatus: "received" as const,
        createdAt: at(10 + i),
      })),
    });
    const recent = await message(conversation.id, "Encore une Orion ?", { minute: 10_000 });
    expect(ids(await searchInbox({ query: "orion" }))).toEqual([recent.id, old[1]!.id, old[0]!.id]);
    // A common term: the recent window alone holds a full page, and it is the same page.
    const page = (strategy: "recent" | "all") =>
      db.$queryRaw<{ messageId: string }[]>(messageSearchSql(strategy, "merci", null, 21));
    const [fromRecent, fromAll] = await Promise.all([page("recent"), page("all")]);
    expect(fromRecent).toHaveLength(21);
    expect(fromRecent.map((r) => r.messageId)).toEqual(fromAll.map((r) => r.messageId));
  });

  it("finds a common term that the recent window misses by a wider walk, the same page as the index gives", async () => {
    const { conversation } = await thread();
    const row = (textBody: string, minute: number) => ({
      conversationId: conversation.id,
      direction: "inbound" as const,
      channel: "email" as const,
      authorType: "customer" as const,
      textBody,
      deliveryStatus: "received" as const,
      createdAt: at(minute),
    });
    // A word in a tenth of the older mail, none of it among the newest RECENT_WINDOW + 50.
    await db.message.createMany({
      data: Array.from({ length: 3_000 }, (_, i) =>
        row(i % 10 === 0 ? `Ma commande ${i} est partie ?` : `Bonjour ${i}`, i),
      ),
    });
    await db.message.createMany({
      data: Array.from({ length: RECENT_WINDOW + 50 }, (_, i) => row(`Merci ${i}`, 10_000 + i)),
    });
    await db.$executeRaw`ANALYZE "Message"`;
    const page = (strategy: "recent" | "wide" | "all") =>
      db.$queryRaw<{ messageId: string }[]>(messageSearchSql(strategy, "commande", null, 21));
    const [fromRecent, fromWide, fromAll] = await Promise.all([page("recent"), page("wide"), page("all")]);
    expect(fromRecent).toHaveLength(0);
    expect(fromWide).toHaveLength(21);
    expect(fromWide.map((r) => r.messageId)).toEqual(fromAll.map((r) => r.messageId));
    const found = await searchInbox({ query: "commande" });
    expect(found.messages.map((m) => m.messageId)).toEqual(fromAll.slice(0, 20).map((r) => r.messageId));
    expect(found.messages[0]?.snippet).toContain("commande 2990");
    // The next page continues where the first stopped, by the same walk.
    const next = await searchInbox({ query: "commande", cursor: found.nextCursor });
    expect(next.messages[0]?.snippet).toContain("commande 2790");
  });
});

describe("searchInbox: customers", () => {
  it("matches a name prefix (accents optional), an email fragment and a phone fragment", async () => {
    const { customer: chloe } = await thread();
    const older = await conversationFor(chloe, at(-60));
    const latest = await conversationFor(chloe, at(60));
    const hugo = await makeCustomer({
      firstName: "Hugo",
      lastName: "Bernard",
      email: "hugo.b@example.fr",
      phone: "+447700900123",
    });
    await makeCustomer({ firstName: "Emma", lastName: "Wilson", email: "emma@example.co.uk", phone: null });

    const found = async (query: string) => (await searchInbox({ query })).customers.map((c) => c.customerId);
    expect(await found("Chlo")).toEqual([chloe.id]);
    expect(await found("chloe pe")).toEqual([chloe.id]);
    expect(await found("peti")).toEqual([chloe.id]);
    expect(await found("petit@exa")).toEqual([chloe.id]);
    expect(await found("06 12 34 56")).toEqual([chloe.id]);
    expect(await found("+33 6 12")).toEqual([chloe.id]);
    expect(await found("0033612")).toEqual([chloe.id]);
    expect(await found("07700 900")).toEqual([hugo.id]);
    expect(await found("example.fr")).toEqual([hugo.id]);
    expect(await found("zoé")).toEqual([]);
    const [hit] = (await searchInbox({ query: "chloe" })).customers;
    expect(hit).toEqual({
      customerId: chloe.id,
      name: "Chloé Petit",
      email: "chloe.petit@example.be",
      phone: "+33612345678",
      latestConversationId: latest.id,
    });
    expect(older.id).not.toBe(latest.id);
  });

  it("puts prefix matches first and takes LIKE wildcards literally", async () => {
    const inside = await makeCustomer({ firstName: "Anne", lastName: "Marie", email: "a@example.test" });
    const prefix = await makeCustomer({ firstName: "Marie", lastName: "Zola", email: "b@example.test" });
    const middle = await makeCustomer({ firstName: "Rosemarie", lastName: "Dupont", email: "c@example.test" });
    const underscore = await makeCustomer({ firstName: null, email: "m_r@example.test" });
    await makeCustomer({ firstName: null, email: "mxr@example.test" });
    expect((await searchInbox({ query: "mari" })).customers.map((c) => c.customerId)).toEqual([
      prefix.id,
      inside.id,
      middle.id,
    ]);
    expect((await searchInbox({ query: "m_r" })).customers.map((c) => c.customerId)).toEqual([underscore.id]);
  });

  it("reads phone-like queries only", () => {
    expect(phoneDigits("06 12 34 56 78")).toBe("612345678");
    expect(phoneDigits("+33 6 12")).toBe("33612");
    expect(phoneDigits("0044 7700")).toBe("447700");
    expect(phoneDigits("colis 12345")).toBeNull();
    expect(phoneDigits("06")).toBeNull();
  });
});

describe("searchInbox: input", () => {
  it("refuses an empty, one-character or over-long query with a clear message", async () => {
    for (const query of ["", "   ", "a", " é "])
      await expect(searchInbox({ query })).rejects.toMatchObject({
        code: "bad_request",
        message: "Type at least 2 characters to search.",
      });
    await expect(searchInbox({ query: "x".repeat(201) })).rejects.toMatchObject({
      code: "bad_request",
      message: "Search for at most 200 characters.",
    });
    await expect(searchInbox({ query: `  ${"x".repeat(200)}  ` })).resolves.toMatchObject({
      messages: [],
      customers: [],
    });
  });

  it("treats query syntax as text: quotes, operators and stop words alone find nothing but do not fail", async () => {
    const { conversation } = await thread();
    await message(conversation.id, "le colis", { minute: 1 });
    for (const query of ['""', "& | !", "( )", "'; DROP TABLE", "%%"])
      await expect(searchInbox({ query })).resolves.toMatchObject({ messages: [] });
    expect(ids(await searchInbox({ query: '"le colis"' }))).toHaveLength(1);
  });
});

describe("GET /api/inbox/search", () => {
  const request = (query: string) => new Request(`http://localhost/api/inbox/search?${query}`);

  it("refuses a signed-out caller", async () => {
    const response = await GET(request("q=colis"));
    expect(response.status).toBe(401);
  });

  it("answers hits for a staff user and 400 with the reason for a bad query", async () => {
    session.user = { id: "u1", email: "agent@shop.test", name: "Sofia", role: "agent" };
    const { conversation } = await thread();
    const hit = await message(conversation.id, "Mon colis est perdu.", { minute: 1 });
    const ok = await GET(request("q=colis"));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const body = await ok.json();
    expect(body.messages.map((m: { messageId: string }) => m.messageId)).toEqual([hit.id]);
    expect(body.customers).toEqual([]);

    const short = await GET(request("q=c"));
    expect(short.status).toBe(400);
    expect(await short.json()).toEqual({ error: "Type at least 2 characters to search." });
    expect((await GET(request(""))).status).toBe(400);
    expect((await GET(request(`q=colis&cursor=${"x".repeat(600)}`))).status).toBe(400);
  });
});
