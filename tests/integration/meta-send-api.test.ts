import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeGraphApi, type FakeGraphApi } from "@/tools/fake-providers";

const { sendMetaMessage } = await import("@/lib/delivery/providers/meta-messenger");

let graph: FakeGraphApi;
const savedEnv = { ...process.env };
beforeAll(async () => {
  graph = await startFakeGraphApi("page-token-test");
  Object.assign(process.env, { META_PAGE_ACCESS_TOKEN: "page-token-test", META_GRAPH_API_URL: graph.url });
});
beforeEach(() => {
  graph.sent.length = 0;
  graph.outsideWindow.clear();
  graph.resetFailures();
});
afterAll(async () => {
  process.env = savedEnv;
  await graph.close();
});

describe("Meta's Send API", () => {
  it("sends a reply inside the window as a RESPONSE and returns Meta's message id", async () => {
    const outcome = await sendMetaMessage({
      recipientId: "6024918273645091",
      text: "Oui, en blanc aussi !",
      tag: null,
    });
    expect(outcome).toEqual({ kind: "sent", providerMessageId: graph.sent[0]!.message_id });
    expect(graph.sent[0]).toMatchObject({
      recipient: { id: "6024918273645091" },
      messaging_type: "RESPONSE",
      message: { text: "Oui, en blanc aussi !" },
    });
    expect(graph.sent[0]!.tag).toBeUndefined();
  });

  it("says plainly when Meta refuses a message outside the window; the HUMAN_AGENT tag goes through", async () => {
    graph.outsideWindow.add("6024918273645091");
    expect(await sendMetaMessage({ recipientId: "6024918273645091", text: "Bonjour", tag: null })).toEqual({
      kind: "permanent",
      error: "Meta 400/10/2018278: (#10) This message is sent outside of allowed window.",
      code: "2018278",
    });
    const tagged = await sendMetaMessage({ recipientId: "6024918273645091", text: "Bonjour", tag: "HUMAN_AGENT" });
    expect(tagged.kind).toBe("sent");
    expect(graph.sent).toEqual([expect.objectContaining({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" })]);
  });

  it("retries later on a rate limit or a busy server, and never when it may have been sent", async () => {
    graph.failNext(
      {
        status: 400,
        body: { error: { message: "(#613) Calls to this api have exceeded the rate limit.", code: 613 } },
      },
      { status: 503, body: {} },
      { status: 500, body: { error: { message: "An unexpected error has occurred.", code: 2 } } },
      { status: 504, body: {} },
    );
    expect((await sendMetaMessage({ recipientId: "1", text: "a", tag: null })).kind).toBe("transient");
    expect((await sendMetaMessage({ recipientId: "1", text: "a", tag: null })).kind).toBe("transient");
    // A server error may come after the message went: Meta cannot be searched, so it is never resent blindly.
    expect((await sendMetaMessage({ recipientId: "1", text: "a", tag: null })).kind).toBe("unknown");
    expect((await sendMetaMessage({ recipientId: "1", text: "a", tag: null })).kind).toBe("unknown");
    graph.failNext("reset-after");
    expect((await sendMetaMessage({ recipientId: "1", text: "a", tag: null })).kind).toBe("unknown");
  });

  it("does not retry when Meta refuses the page token (revoked or wrong)", async () => {
    graph.accepted.pageToken = "a-new-token";
    try {
      const outcome = await sendMetaMessage({ recipientId: "1", text: "a", tag: null });
      expect(outcome).toMatchObject({ kind: "permanent", code: "190" });
      expect(graph.sent).toHaveLength(0);
    } finally {
      graph.accepted.pageToken = "page-token-test";
    }
  });
});
