import { parseEnv } from "@/lib/env";

/** Called once at server start: an invalid environment stops the process, one line per variable. */
export function exitOnInvalidEnv(): void {
  const result = parseEnv(process.env);
  if (result.ok) return;
  for (const problem of result.problems) console.error(problem);
  process.exit(1);
}
