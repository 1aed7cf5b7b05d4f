// npm run bench: figures for the costs every request or sign-in pays. Prints, asserts nothing.
//   - password verification (bcrypt, the sign-in cost; target: under 250 ms on 2 cores)
//   - a database round trip through the app's client (target: p95 under 5 ms locally)
//   - the local classifier on one reply: an SMS and a long email (target: under 5 ms)
//   - inbox search on a throwaway database of N messages (scripts/bench-search.ts; PostgreSQL
//     only). `npm run bench -- --search-rows 1000000` for the 1M figures (a few minutes),
//     `--search-rows 0` to skip, `--keep-search-db` to keep the database for a look.
//   - the outcome metrics report on a throwaway database of N conversations (scripts/bench-reports.ts;
//     PostgreSQL only; target: under 500 ms at 100k). `--report-conversations N` (default 100,000),
//     `--report-conversations 0` to skip, `--keep-report-db` to keep the database.
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { classifyLocally } from "@/lib/classification/local-classifier";
import { db } from "@/lib/db";
import { benchReports } from "./bench-reports";
import { benchSearch } from "./bench-search";
import { summarize, time } from "./bench-timing";

const DEFAULT_SEARCH_ROWS = 200_000;
const DEFAULT_REPORT_CONVERSATIONS = 100_000;

function count(argv: string[], flag: string, fallback: number, what: string): number {
  const index = argv.indexOf(flag);
  if (index === -1) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${flag} takes a whole number of ${what} (0 skips that bench)`);
  return value;
}

async function main() {
  const argv = process.argv.slice(2);
  const rows = count(argv, "--search-rows", DEFAULT_SEARCH_ROWS, "messages");
  const conversations = count(argv, "--report-conversations", DEFAULT_REPORT_CONVERSATIONS, "conversations");
  const hash = await hashPassword("benchmark-password");
  summarize("password verify (bcrypt cost 11)", await time(10, () => verifyPassword("benchmark-password", hash)));
  const email =
    `Bonjour,\n\nJ'ai bien reçu la lampe hier, merci pour l'emballage soigné. En revanche le câble est vraiment trop court pour ma table de chevet et l'abat-jour a une petite fêlure sur le côté.\nPouvez-vous m'en renvoyer un ? Je peux vous envoyer une photo.\n\nBelle journée,\nMartine\n\nEnvoyé de mon iPhone`.repeat(
      4,
    );
  summarize(
    "classify one SMS (local model)",
    await time(2000, async () => classifyLocally("colis tjrs pas arrivé 😡 c normal ?")),
  );
  summarize("classify one long email (local model)", await time(2000, async () => classifyLocally(email)));
  await db.$queryRaw`SELECT 1`;
  summarize("database round trip (SELECT 1)", await time(500, () => db.$queryRaw`SELECT 1`));
  summarize(
    "user lookup by email",
    await time(500, () => db.user.findUnique({ where: { email: "admin@demo.replyinbox.test" } })),
  );
  await db.$disconnect();
  if (rows > 0) await benchSearch(rows, { keep: argv.includes("--keep-search-db") });
  if (conversations > 0) await benchReports(conversations, { keep: argv.includes("--keep-report-db") });
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
