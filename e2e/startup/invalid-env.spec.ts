import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E } from "../support/e2e-env";

/** Starts the built app with these variables and waits for it to exit (or 20 s): its output and exit code. */
async function startWith(
  variables: Record<string, string>,
  port: number,
): Promise<{ output: string; exitCode: number | null }> {
  const env = {
    ...process.env,
    ...E2E.secrets,
    DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres",
    ...variables,
  };
  const server = spawn("npx", ["next", "start", "-p", String(port)], { env });
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
  return { output, exitCode };
}

test("the server refuses to start on an invalid variable, naming it", async () => {
  const { output, exitCode } = await startWith({ APP_URL: "localhost-without-scheme" }, 3198);
  expect(output).toContain(
    'Invalid environment variable APP_URL: expected an http(s) URL (got "localhost-without-scheme").',
  );
  expect(exitCode).toBe(1);
});

test("the server refuses to run a demo on a public address", async () => {
  const { output, exitCode } = await startWith(
    { APP_URL: "https://inbox.atelier-lune.example", DEMO_MODE: "true" },
    3197,
  );
  expect(output).toContain(
    "Invalid environment variable DEMO_MODE: expected false when APP_URL is a public address (https://inbox.atelier-lune.example)",
  );
  expect(exitCode).toBe(1);
});
