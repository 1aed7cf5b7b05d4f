// How the simulator reaches the app and the fake providers. The CLI goes over HTTP; the
// integration test calls the route handlers in-process; the scenario code is the same.

export type TransportResponse = { status: number; text: string; headers: Headers };

export type Transport = {
  request(
    method: "GET" | "POST",
    path: string,
    init: { headers: Record<string, string>; body?: string },
  ): Promise<TransportResponse>;
  /** Waits for work the app does after answering (classification); when absent, a short pause. */
  settle?(): Promise<void>;
};

/** What the fake Postmark received (the fields the simulator reads). */
export type SentEmail = {
  MessageID: string;
  To: string;
  ReplyTo?: string;
  Subject: string;
  TextBody: string;
  Headers: { Name: string; Value: string }[];
};
/** What the fake Twilio received. */
export type SentSms = { sid: string; to: string; body: string };

/** The fakes' record of everything sent so far, in the order it was sent. */
export type Outbox = { emails(): Promise<SentEmail[]>; sms(): Promise<SentSms[]> };

/** The app over HTTP, e.g. `next start` on http://127.0.0.1:3300. Redirects are not followed. */
export function httpTransport(appUrl: string, options: { timeoutMs?: number } = {}): Transport {
  const base = appUrl.replace(/\/$/, "");
  return {
    async request(method, path, init) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: init.headers,
        body: init.body,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
      });
      return { status: response.status, text: await response.text(), headers: response.headers };
    },
  };
}

/** Fakes running in another process, read through their `GET /__fake/sent`. */
export function httpOutbox(postmarkUrl: string, twilioUrl: string): Outbox {
  const read = async <T>(url: string): Promise<T[]> => {
    const response = await fetch(`${url.replace(/\/$/, "")}/__fake/sent`);
    if (!response.ok) throw new Error(`${url}/__fake/sent answered ${response.status}: is it the fake provider?`);
    return (await response.json()) as T[];
  };
  return { emails: () => read<SentEmail>(postmarkUrl), sms: () => read<SentSms>(twilioUrl) };
}
