import { afterAll, beforeAll, beforeEach } from "vitest";
import { startFakePostmark, startFakeTwilio, type FakePostmark, type FakeTwilio } from "@/tools/fake-providers";

export type Fakes = { postmark: FakePostmark; twilio: FakeTwilio };

/**
 * Fake Postmark and Twilio for one test file, with the app's environment pointed at them before
 * anything reads env() (it is read once per file). Each test starts with empty outboxes and no
 * planned failures; the environment is restored after the file.
 */
export function withFakeProviders(overrides: Record<string, string> = {}): Fakes {
  const fakes = {} as Fakes;
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    const sid = `AC${"1".repeat(32)}`;
    fakes.postmark = await startFakePostmark("pm-test-token");
    fakes.twilio = await startFakeTwilio(sid, "tw-test-token");
    Object.assign(process.env, {
      APP_URL: "https://inbox.atelier-lune.example",
      POSTMARK_SERVER_TOKEN: "pm-test-token",
      POSTMARK_API_URL: fakes.postmark.url,
      POSTMARK_INBOUND_ADDRESS: "4f8c2b1e9d7a@inbound.postmarkapp.com",
      TWILIO_ACCOUNT_SID: sid,
      TWILIO_AUTH_TOKEN: "tw-test-token",
      TWILIO_FROM_NUMBER: "+33757000111",
      TWILIO_API_URL: fakes.twilio.url,
      ...overrides,
    });
  });
  beforeEach(() => {
    for (const fake of [fakes.postmark, fakes.twilio]) {
      fake.sent.length = 0;
      fake.resetFailures();
      fake.latencyMs = 0;
      fake.maxInFlight = 0;
    }
  });
  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([fakes.postmark.close(), fakes.twilio.close()]);
  });
  return fakes;
}
