// npm run user:create -- --email a@b.c --role founder [--name "Ana"] [--password ...]
import { parseArgs } from "node:util";
import { createUser } from "@/lib/users/create-user";
import { newUserSchema } from "@/lib/users/user-input";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db";

const USAGE =
  "usage: npm run user:create -- --email <email> --role <agent|founder|manager|admin> [--name <name>] [--password <password>]";

function fail(message: string, code = 2): never {
  console.error(`Error: ${message}`);
  console.error(USAGE);
  process.exit(code);
}

async function main() {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        password: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const parsed = newUserSchema.safeParse(values);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const flag = String(first.path[0]);
    const given = values[flag];
    fail(
      `--${flag} ${given === undefined ? "is required and " : ""}${first.message}${given !== undefined && flag !== "password" ? ` (got "${given}")` : ""}`,
    );
  }
  try {
    const user = await createUser(parsed.data);
    console.log(`Created ${user.role} ${user.email} (${user.name}).`);
    if (user.generatedPassword) console.log(`Password (shown only now): ${user.generatedPassword}`);
  } catch (error) {
    if (error instanceof AppError) fail(error.message, 1);
    throw error;
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(`Error: could not create the user: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
  process.exit(1);
});
