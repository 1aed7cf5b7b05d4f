import "./prisma/unref-wasm-timers";
import { defineConfig } from "prisma/config";
import { createPrismaPgAdapter, databaseConfigFromUrl } from "./lib/db/connection-config";

// With an adapter the CLI does not load .env files: scripts/with-database.ts sets DATABASE_URL
// (to the embedded database when none is configured) before running `prisma migrate ...`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run migrations through `npm run db:migrate`.");
    return createPrismaPgAdapter(databaseConfigFromUrl(url, 1));
  },
});
