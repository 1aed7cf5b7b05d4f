import type { TestProject } from "vitest/node";
import { createMigratedDatabase, dropDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const name = `reply_inbox_test_${process.pid}_${Date.now()}`;
  project.provide("databaseUrl", await createMigratedDatabase(name));
  return () => dropDatabase(name);
}
