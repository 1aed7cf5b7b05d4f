// npm run bench: figures for the costs every request or sign-in pays. Prints, asserts nothing.
//   - password verification (bcrypt, the sign-in cost; target: under 250 ms on 2 cores)
//   - a database round trip through the app's client (target: p95 under 5 ms locally)
import { performance } from "node:perf_hooks";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

function summarize(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  console.log(`${label.padEnd(34)} n=${String(samples.length).padEnd(5)} p50=${at(0.5)} ms  p95=${at(0.95)} ms  max=${at(1)} ms`);
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function main() {
  const hash = await hashPassword("benchmark-password");
  summarize("password verify (bcrypt cost 11)", await time(10, () => verifyPassword("benchmark-password", hash)));
  await db.$queryRaw`SELECT 1`;
  summarize("database round trip (SELECT 1)", await time(500, () => db.$queryRaw`SELECT 1`));
  summarize("user lookup by email", await time(500, () => db.user.findUnique({ where: { email: "admin@demo.replyinbox.test" } })));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
