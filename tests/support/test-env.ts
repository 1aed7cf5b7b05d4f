import { afterAll, beforeAll } from "vitest";
import { settleBackgroundWork } from "@/lib/http/run-after-response";

/**
 * Sets provider variables for one test file and restores the environment after it. The app reads
 * its environment once per test file, so this runs before anything else touches it.
 */
export function withProviderEnv(variables: () => Record<string, string>): void {
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, variables());
  });
  afterAll(async () => {
    await settleBackgroundWork();
    process.env = saved;
  });
}
