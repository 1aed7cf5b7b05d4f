// npm run db:seed [-- --force | --if-empty]
//   (no flag)   seeds an empty database; refuses, changing nothing, when it has data
//   --if-empty  same, but a database with data is not an error (used by npm run setup)
//   --force     wipes every table, then seeds
import { parseArgs } from "node:util";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { databaseHasData, seedDemoShop } from "@/tools/seed/seed-demo-shop";

async function main() {
  const { values } = parseArgs({
    options: { force: { type: "boolean", default: false }, "if-empty": { type: "boolean", default: false } },
  });
  try {
    if (values["if-empty"] && !values.force && (await databaseHasData())) {
      console.log("The database already has data: seeding skipped.");
      return;
    }
    console.log("Seeding the demo shop: four weeks of its life through the real flows (about a minute)…");
    const summary = await seedDemoShop({ force: values.force });
    console.log(
      `Seeded the demo shop: ${summary.customers} customers, ${summary.orders} orders, ${summary.conversations} conversations.`,
    );
    console.log("Demo users (sign in with these):");
    for (const user of summary.users) console.log(`  ${user.role.padEnd(8)} ${user.email.padEnd(32)} ${user.password}`);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`Error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(`Error: seeding failed: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
  process.exit(1);
});
