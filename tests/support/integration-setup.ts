import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATABASE_POOL_MAX = "4";
process.env.AUTH_SECRET ??= "integration-test-auth-secret-0123456789abcdef";
process.env.LINK_SECRET ??= "integration-test-link-secret-0123456789abcdef";
process.env.CRON_SECRET ??= "integration-test-cron-secret";
process.env.SHOPIFY_WEBHOOK_SECRET ??= "integration-test-shopify-secret";
