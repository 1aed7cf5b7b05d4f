import { spawnSync } from "node:child_process";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";

beforeEach(truncateAllTables);

function createUserCli(...args: string[]) {
  return spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/create-user.ts", ...args], {
    env: process.env,
    encoding: "utf8",
  });
}

describe("npm run user:create", () => {
  it("rejects a bad role with a clear message and a non-zero exit", () => {
    const run = createUserCli("--email", "ana@shop.test", "--role", "boss");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Error: --role must be one of agent, founder, manager, admin (got "boss")');
  });

  it("says which flag is missing", () => {
    const run = createUserCli("--role", "agent");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Error: --email is required");
  });

  it("creates the user and prints a generated password once", async () => {
    const run = createUserCli("--email", "Ana@Shop.test", "--role", "founder", "--name", "Ana");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /Created founder ana@shop\.test \(Ana\)\.\nPassword \(shown only now\): [A-Za-z0-9]{20}\n/,
    );
    expect(await db.user.findUnique({ where: { email: "ana@shop.test" } })).toMatchObject({
      role: "founder",
      name: "Ana",
    });
  });

  it("refuses a duplicate email with exit 1", () => {
    expect(createUserCli("--email", "ana@shop.test", "--role", "agent", "--password", "long-enough-pw").status).toBe(0);
    const again = createUserCli("--email", "ana@shop.test", "--role", "agent", "--password", "long-enough-pw");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("A user with the email ana@shop.test already exists.");
  });
});
