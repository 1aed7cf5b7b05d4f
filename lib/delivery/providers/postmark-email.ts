import "server-only";
import { ServerClient } from "postmark";
import { env } from "@/lib/env";
import { isConnectFailure, parseRetryAfter, type SendOutcome } from "@/lib/delivery/providers/send-outcome";

export type EmailAttachment = { filename: string; contentType: string; content: Buffer };

export type OutgoingEmail = {
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  htmlBody: string;
  textBody: string;
  headers: { name: string; value: string }[];
  /** Lets us find the message in Postmark's outbound search after an ambiguous timeout. */
  metadata: Record<string, string>;
  attachments?: EmailAttachment[];
};

const TIMEOUT_SECONDS = 15;
// Postmark API error codes: 406 inactive recipient, 300 invalid email request.
const INACTIVE_RECIPIENT = 406;

type CallTrace = { connectFailed: boolean; retryAfterMs?: number };

/** A Postmark client on POSTMARK_API_URL, whose fetch notes what the SDK's errors do not say. */
function postmarkClient(trace: CallTrace): ServerClient {
  const { POSTMARK_SERVER_TOKEN, POSTMARK_API_URL } = env();
  const base = new URL(POSTMARK_API_URL);
  return new ServerClient(POSTMARK_SERVER_TOKEN!, {
    useHttps: base.protocol === "https:",
    requestHost: base.host,
    timeout: TIMEOUT_SECONDS,
    fetch: async (input, init) => {
      try {
        const response = await fetch(input, init);
        trace.retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        return response;
      } catch (error) {
        trace.connectFailed = isConnectFailure(error);
        throw error;
      }
    },
  });
}

function classify(error: unknown, trace: CallTrace): SendOutcome {
  const {
    statusCode = 0,
    code = 0,
    message = String(error),
  } = error as { statusCode?: number; code?: number; message?: string };
  if (statusCode === 0)
    return trace.connectFailed
      ? { kind: "transient", error: `Postmark unreachable: ${message}` }
      : { kind: "unknown", error: `Postmark did not answer: ${message}` };
  if (statusCode === 429 || statusCode >= 500)
    return { kind: "transient", error: `Postmark ${statusCode}: ${message}`, retryAfterMs: trace.retryAfterMs };
  if (code === INACTIVE_RECIPIENT)
    return { kind: "permanent", error: `Postmark ${code}: ${message}`, code: String(code), suppress: "email_inactive" };
  return { kind: "permanent", error: `Postmark ${statusCode}/${code}: ${message}`, code: String(code) };
}

export async function sendEmailWithPostmark(email: OutgoingEmail): Promise<SendOutcome> {
  const trace: CallTrace = { connectFailed: false };
  try {
    const response = await postmarkClient(trace).sendEmail({
      From: email.from,
      To: email.to,
      ReplyTo: email.replyTo ?? undefined,
      Subject: email.subject,
      HtmlBody: email.htmlBody,
      TextBody: email.textBody,
      Headers: email.headers.map(({ name, value }) => ({ Name: name, Value: value })),
      Metadata: email.metadata,
      Attachments: (email.attachments ?? []).map((file) => ({
        Name: file.filename,
        Content: file.content.toString("base64"),
        ContentType: file.contentType,
        ContentID: null,
      })),
      MessageStream: "outbound",
      TrackOpens: false,
    });
    return { kind: "sent", providerMessageId: response.MessageID };
  } catch (error) {
    return classify(error, trace);
  }
}

/** Postmark's id of a message we sent with this metadata, or null when it never arrived there. */
export async function findPostmarkMessageByMetadata(key: string, value: string): Promise<string | null> {
  const trace: CallTrace = { connectFailed: false };
  const result = await postmarkClient(trace).getOutboundMessages({
    count: 1,
    offset: 0,
    [`metadata_${key}`]: value,
  } as never);
  return result.Messages[0]?.MessageID ?? null;
}
