// npm run bench: figures for the costs every request or sign-in pays. Prints, asserts nothing.
//   - password verification (bcrypt, the sign-in cost; target: under 250 ms on 2 cores)
//   - a database round trip through the app's client (target: p95 under 5 ms locally)
//   - inbox search on a throwaway database of N messages (scripts/bench-search.ts; PostgreSQL
//     only). `npm run bench -- --search-rows 1000000` for the 1M figures (a few minutes),
//     `--search-rows 0` to skip, `--keep-search-db` to keep the database for a look.
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { benchSearch } from "./bench-search";
import { summarize, time } from "./bench-timing";

const DEFAULT_SEARCH_ROWS = 200_000;

function searchRows(argv: string[]): number {
  const index = argv.indexOf("--search-rows");
  if (index === -1) return DEFAULT_SEARCH_ROWS;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error("--search-rows takes a whole number of messages (0 skips the search bench)");
  return value;
}

async function main() {
  const rows = searchRows(process.argv.slice(2));
  const hash = await hashPassword("benchmark-password");
  summarize("password verify (bcrypt cost 11)", await time(10, () => verifyPassword("benchmark-password", hash)));
  await db.$queryRaw`SELECT 1`;
  summarize("database round trip (SELECT 1)", await time(500, () => db.$queryRaw`SELECT 1`));
  summarize("user lookup by email", await time(500, () => db.user.findUnique({ where: { email: "admin@demo.replyinbox.test" } })));
  await db.$disconnect();
  if (rows > 0) await benchSearch(rows, { keep: process.argv.includes("--keep-search-db") });
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
