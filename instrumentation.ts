// Runs once when the server starts: refuse to start on an invalid environment, with one line
// per variable, instead of failing later on the first request that needs it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv } = await import("@/lib/env");
  const result = parseEnv(process.env);
  if (!result.ok) {
    for (const problem of result.problems) console.error(problem);
    process.exit(1);
  }
}
