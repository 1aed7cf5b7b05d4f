import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E } from "../support/e2e-env";

test("the server refuses to start on an invalid variable, naming it", async () => {
  const env = { ...process.env, ...E2E.secrets, DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres", APP_URL: "localhost-without-scheme" };
  const server = spawn("npx", ["next", "start", "-p", "3198"], { env });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      server.kill("SIGKILL");
      resolve(null);
    }, 20_000);
    server.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  expect(output).toContain('Invalid environment variable APP_URL: expected an http(s) URL (got "localhost-without-scheme").');
  expect(exitCode).toBe(1);
});
