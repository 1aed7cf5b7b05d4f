import { inject, vi } from "vitest";

// Server actions read the request's Accept-Language (getUiLocale); a test calls them outside a
// request, as a browser that sends none would, so errors come back in English.
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  headers: async () => new Headers(),
}));

process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATABASE_POOL_MAX = "4";
process.env.AUTH_SECRET ??= "integration-test-auth-secret-0123456789abcdef";
process.env.LINK_SECRET ??= "integration-test-link-secret-0123456789abcdef";
process.env.CRON_SECRET ??= "integration-test-cron-secret";
process.env.SHOPIFY_WEBHOOK_SECRET ??= "integration-test-shopify-secret";
