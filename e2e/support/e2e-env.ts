// Fixed settings shared by the e2e servers and specs.
export const E2E = {
  postgres: { port: 3100, database: "reply_inbox_e2e", baseURL: "http://localhost:3100" },
  // The fake providers the postgres app sends through; specs read what they received.
  fakes: { postmark: "http://127.0.0.1:3110", twilio: "http://127.0.0.1:3111", graph: "http://127.0.0.1:3112" },
  embedded: { port: 3101, databasePort: 54339, dataDir: ".data/e2e-embedded", baseURL: "http://localhost:3101" },
  // A real installation on a public address (served here over plain http): no demo, no admin yet.
  public: {
    port: 3102,
    database: "reply_inbox_e2e_public",
    baseURL: "http://localhost:3102",
    appUrl: "https://inbox.atelier-lune.example",
  },
  // The demo servers (postgres, embedded) run as demos; the public one never does.
  demo: { DEMO_MODE: "true" },
  secrets: {
    AUTH_SECRET: "e2e-auth-secret-that-is-long-enough-0123456789",
    CRON_SECRET: "e2e-cron-secret-0123456789",
    LINK_SECRET: "e2e-link-secret-that-is-long-enough-0123456789",
    // Webhook credentials, so specs can deliver signed provider webhooks to the app.
    POSTMARK_WEBHOOK_USER: "postmark-e2e",
    POSTMARK_WEBHOOK_PASSWORD: "postmark-e2e-password",
    TWILIO_ACCOUNT_SID: `AC${"3".repeat(32)}`,
    TWILIO_AUTH_TOKEN: "twilio-e2e-token",
    TWILIO_FROM_NUMBER: "+33757000111",
    POSTMARK_SERVER_TOKEN: "postmark-e2e-server-token",
    SHOPIFY_WEBHOOK_SECRET: "shopify-e2e-webhook-secret",
    POSTMARK_INBOUND_ADDRESS: "reply@inbound.e2e.test",
    // Messenger and Instagram through the fake Graph API.
    META_APP_SECRET: "meta-e2e-app-secret",
    META_VERIFY_TOKEN: "meta-e2e-verify-token",
    META_PAGE_ACCESS_TOKEN: "meta-e2e-page-token",
  },
} as const;
