// npm run user:unlock -- --email a@b.c
// Clears the sign-in throttle of one account: for an admin locked out by someone else's guesses.
import { parseArgs } from "node:util";
import { clearAccountThrottle } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" } }, strict: true });
  if (!values.email) {
    console.error("Error: --email is required.\nusage: npm run user:unlock -- --email <email>");
    process.exit(2);
  }
  try {
    const cleared = await clearAccountThrottle(values.email);
    console.log(cleared ? `${values.email} may sign in again.` : `${values.email} was not throttled.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(`Error: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
  process.exit(1);
});
