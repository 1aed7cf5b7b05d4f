// Local fake Postmark, Twilio and Graph API servers speaking the real wire formats (JSON for
// Postmark and Meta, form-encoded requests and JSON answers for Twilio's 2010-04-01 API), with
// failures on demand.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Failure = { status: number; body: unknown; headers?: Record<string, string> } | "reset-before" | "reset-after";

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

class FakeServer {
  url = "";
  requests = 0;
  /** How long each POST waits before it is answered, as a real provider's API takes time. */
  latencyMs = 0;
  /** The most POSTs this fake has been answering at the same time. */
  maxInFlight = 0;
  private inFlight = 0;
  private failures: Failure[] = [];
  private failEveryNth = 0;
  private posts = 0;
  private repeatedFailure: Failure | null = null;
  private readonly server = createServer((request, response) => void this.handle(request, response));

  constructor(
    private readonly route: (
      request: IncomingMessage,
      body: string,
      response: ServerResponse,
      failure: Exclude<Failure, "reset-before"> | null,
    ) => void,
  ) {}

  /** Port 0 picks a free one; the e2e servers use fixed ports the specs know. */
  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next calls fail this way, in order. */
  failNext(...failures: Failure[]) {
    this.failures.push(...failures);
  }

  /** Every nth send fails this way (2: half of them; 1: all of them). */
  failEvery(n: number, failure: Failure) {
    this.failEveryNth = n;
    this.repeatedFailure = failure;
  }

  resetFailures() {
    this.failures = [];
    this.failEveryNth = 0;
    this.repeatedFailure = null;
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    this.requests++;
    let failure: Failure | null = null;
    if (request.method === "POST") {
      this.posts++;
      failure = this.failures.shift() ?? null;
      this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
      response.once("close", () => this.inFlight--);
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      if (!failure && this.repeatedFailure && this.posts % this.failEveryNth === 0) failure = this.repeatedFailure;
    }
    if (failure === "reset-before") {
      request.socket.destroy();
      return;
    }
    this.route(request, body, response, failure as Exclude<Failure, "reset-before"> | null);
  }
}

export type PostmarkSent = {
  MessageID: string;
  From: string;
  To: string;
  ReplyTo?: string;
  Subject: string;
  HtmlBody: string;
  TextBody: string;
  Headers: { Name: string; Value: string }[];
  Metadata?: Record<string, string>;
  MessageStream?: string;
  Attachments?: { Name: string; Content: string; ContentType: string; ContentID?: string | null }[];
};

// What a fake received, for specs that run in another process (Playwright). Not a provider route.
const SENT_PATH = "/__fake/sent";

export async function startFakePostmark(serverToken: string, port = 0) {
  const sent: PostmarkSent[] = [];
  const fake = new FakeServer((request, body, response, failure) => {
    if (request.method === "GET" && request.url === SENT_PATH) return send(response, 200, sent);
    if (request.headers["x-postmark-server-token"] !== serverToken)
      return send(response, 401, {
        ErrorCode: 10,
        Message: "The Server Token you provided in the X-Postmark-Server-Token request header was invalid.",
      });
    const url = new URL(request.url ?? "/", "http://fake");
    if (request.method === "POST" && url.pathname === "/email") {
      if (failure && typeof failure === "object") return send(response, failure.status, failure.body, failure.headers);
      const email = JSON.parse(body) as Omit<PostmarkSent, "MessageID">;
      const message = { ...email, MessageID: randomUUID() };
      sent.push(message);
      if (failure === "reset-after") return void request.socket.destroy();
      return send(response, 200, {
        To: email.To,
        SubmittedAt: new Date().toISOString(),
        MessageID: message.MessageID,
        ErrorCode: 0,
        Message: "OK",
      });
    }
    if (request.method === "GET" && url.pathname === "/messages/outbound") {
      const filters = [...url.searchParams]
        .filter(([key]) => key.startsWith("metadata_"))
        .map(([key, value]) => [key.slice("metadata_".length), value] as const);
      const matches = sent.filter((message) => filters.every(([key, value]) => message.Metadata?.[key] === value));
      return send(response, 200, {
        TotalCount: matches.length,
        Messages: matches.map((m) => ({
          MessageID: m.MessageID,
          To: [{ Email: m.To }],
          Subject: m.Subject,
          Metadata: m.Metadata,
          Status: "Sent",
          MessageStream: "outbound",
        })),
      });
    }
    send(response, 404, { ErrorCode: 404, Message: "Not found" });
  });
  await fake.start(port);
  return Object.assign(fake, { sent });
}

export type TwilioSent = {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
  /** MediaUrl parameters: an MMS's pictures, which Twilio fetches from the app. */
  mediaUrls: string[];
  dateCreated: Date;
};

export async function startFakeTwilio(accountSid: string, authToken: string, port = 0) {
  const sent: TwilioSent[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  const resource = (m: TwilioSent) => ({
    sid: m.sid,
    account_sid: accountSid,
    to: m.to,
    from: m.from,
    body: m.body,
    status: "queued",
    num_segments: "1",
    num_media: String(m.mediaUrls.length),
    direction: "outbound-api",
    api_version: "2010-04-01",
    date_created: m.dateCreated.toUTCString(),
    date_updated: m.dateCreated.toUTCString(),
    date_sent: null,
    error_code: null,
    error_message: null,
    price: null,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
  });
  const fake = new FakeServer((request, body, response, failure) => {
    if (request.method === "GET" && request.url === SENT_PATH) return send(response, 200, sent);
    if (request.headers.authorization !== expectedAuth)
      return send(response, 401, {
        code: 20003,
        message: "Authenticate",
        more_info: "https://www.twilio.com/docs/errors/20003",
        status: 401,
      });
    const url = new URL(request.url ?? "/", "http://fake");
    const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    if (request.method === "POST" && url.pathname === path) {
      if (failure && typeof failure === "object") return send(response, failure.status, failure.body, failure.headers);
      const form = new URLSearchParams(body);
      const message: TwilioSent = {
        sid: `SM${randomUUID().replaceAll("-", "")}`,
        to: form.get("To")!,
        from: form.get("From")!,
        body: form.get("Body")!,
        statusCallback: form.get("StatusCallback"),
        mediaUrls: form.getAll("MediaUrl"),
        dateCreated: new Date(),
      };
      sent.push(message);
      if (failure === "reset-after") return void request.socket.destroy();
      return send(response, 201, resource(message));
    }
    if (request.method === "GET" && url.pathname === path) {
      const to = url.searchParams.get("To");
      const from = url.searchParams.get("From");
      const matches = sent.filter((m) => (!to || m.to === to) && (!from || m.from === from));
      return send(response, 200, {
        messages: matches.map(resource),
        end: matches.length,
        first_page_uri: path,
        next_page_uri: null,
        page: 0,
        page_size: 50,
        previous_page_uri: null,
        start: 0,
        uri: path,
      });
    }
    send(response, 404, { code: 20404, message: "Not found", status: 404 });
  });
  await fake.start(port);
  return Object.assign(fake, { sent });
}

/** The messages a fake running in another process has received. */
export async function fetchSentByFake<T>(fakeUrl: string): Promise<T[]> {
  const response = await fetch(`${fakeUrl}${SENT_PATH}`);
  return (await response.json()) as T[];
}

export type FakePostmark = Awaited<ReturnType<typeof startFakePostmark>>;
export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilio>>;

export type GraphSent = {
  recipient: { id: string };
  messaging_type: string;
  tag?: string;
  message: { text: string };
  message_id: string;
};

/**
 * A fake Graph API (Meta's Send API, /<version>/me/messages, and profile reads): checks the page
 * token, answers with a message id, and refuses a person it was told is outside the window with
 * Meta's own error.
 */
export async function startFakeGraphApi(pageToken: string, port = 0) {
  const sent: GraphSent[] = [];
  /** Recipients the fake answers with "(#10) outside of allowed window" unless the HUMAN_AGENT tag is used. */
  const outsideWindow = new Set<string>();
  const profiles = new Map<string, { first_name: string; last_name: string }>();
  /** Files served under /media/<name>, as attachment URLs point to them. */
  const media = new Map<string, { contentType: string; content: Buffer }>();
  /** The token the fake accepts: change it to see how the app takes a revoked token. */
  const accepted = { pageToken };
  const fake = new FakeServer((request, body, response, failure) => {
    if (request.method === "GET" && request.url === SENT_PATH) return send(response, 200, sent);
    const url = new URL(request.url ?? "/", "http://fake");
    // Attachment URLs as Meta's CDN serves them: no token, the bytes themselves (or gone when expired).
    if (request.method === "GET" && url.pathname.startsWith("/media/")) {
      const file = media.get(url.pathname.slice("/media/".length));
      if (!file) return send(response, 404, { error: "URL signature expired" });
      response.writeHead(200, { "content-type": file.contentType, "content-length": file.content.length });
      return void response.end(file.content);
    }
    if (url.searchParams.get("access_token") !== accepted.pageToken)
      return send(response, 400, {
        error: { message: "Invalid OAuth access token - Cannot parse access token", type: "OAuthException", code: 190 },
      });
    if (request.method === "POST" && /^\/v\d+\.\d+\/me\/messages$/.test(url.pathname)) {
      if (failure && typeof failure === "object") return send(response, failure.status, failure.body, failure.headers);
      const request = JSON.parse(body) as Omit<GraphSent, "message_id">;
      if (outsideWindow.has(request.recipient.id) && request.tag !== "HUMAN_AGENT")
        return send(response, 400, {
          error: {
            message: "(#10) This message is sent outside of allowed window.",
            type: "OAuthException",
            code: 10,
            error_subcode: 2018278,
          },
        });
      const message = { ...request, message_id: `m_${randomUUID().replaceAll("-", "")}` };
      sent.push(message);
      if (failure === "reset-after") return void response.socket?.destroy();
      return send(response, 200, { recipient_id: request.recipient.id, message_id: message.message_id });
    }
    const profile = /^\/v\d+\.\d+\/(\d+)$/.exec(url.pathname);
    if (request.method === "GET" && profile && profiles.has(profile[1]!))
      return send(response, 200, { ...profiles.get(profile[1]!), id: profile[1] });
    send(response, 400, {
      error: { message: "Unsupported request", type: "GraphMethodException", code: 100 },
    });
  });
  await fake.start(port);
  return Object.assign(fake, { sent, outsideWindow, profiles, accepted, media });
}

export type FakeGraphApi = Awaited<ReturnType<typeof startFakeGraphApi>>;

export type OpenAIMode =
  | { kind: "answer"; label: { sentiment: string; intent: string; friction_hint: string | null } }
  // Any assistant message, as given (drafts: a JSON string or plain text).
  | { kind: "text"; content: string }
  | { kind: "error"; status: number }
  | { kind: "hang" };

export type OpenAIRequest = {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string } };
};

/** A fake OpenAI Chat Completions endpoint (POST /v1/chat/completions). */
export async function startFakeOpenAI() {
  let mode: OpenAIMode = { kind: "error", status: 500 };
  const prompts: string[] = [];
  // Every request body in full (system and user messages, response_format).
  const payloads: OpenAIRequest[] = [];
  const fake = new FakeServer((request, body, response) => {
    if (request.method !== "POST" || !request.url?.startsWith("/v1/chat/completions"))
      return send(response, 404, { error: { message: "not found" } });
    const payload = JSON.parse(body) as OpenAIRequest;
    payloads.push(payload);
    prompts.push(payload.messages.at(-1)?.content ?? "");
    if (mode.kind === "hang") return; // never answers: the client must time out
    if (mode.kind === "error")
      return send(response, mode.status, {
        error: { message: "The server had an error while processing your request.", type: "server_error" },
      });
    send(response, 200, {
      id: "chatcmpl-fake",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: payload.model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: mode.kind === "text" ? mode.content : JSON.stringify(mode.label),
            refusal: null,
          },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 50, completion_tokens: 12, total_tokens: 62 },
    });
  });
  await fake.start();
  return Object.assign(fake, { prompts, payloads, setMode: (next: OpenAIMode) => (mode = next) });
}
