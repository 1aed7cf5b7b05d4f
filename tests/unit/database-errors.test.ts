import { describe, expect, it } from "vitest";
import {
  isMissingReference,
  isRecordNotFound,
  isRetryableTransactionError,
  isUniqueViolation,
  sqlState,
} from "@/lib/db/database-errors";
import { Prisma } from "@/lib/generated/prisma/client";

// How Prisma's driver adapter hands PostgreSQL's errors over: a DriverAdapterError whose cause
// holds the SQLSTATE (inside an interactive transaction), or a known request error (raw queries).
const adapterError = (originalCode: string) =>
  Object.assign(new Error("deadlock detected"), {
    name: "DriverAdapterError",
    cause: { kind: "postgres", originalCode },
  });
const rawQueryError = (originalCode: string) =>
  new Prisma.PrismaClientKnownRequestError("Raw query failed", {
    code: "P2010",
    clientVersion: "6.19.3",
    meta: { driverAdapterError: { cause: { originalCode } } },
  });

describe("database errors", () => {
  it("reads the SQLSTATE however the adapter wrapped it", () => {
    expect(sqlState(adapterError("40P01"))).toBe("40P01");
    expect(sqlState(rawQueryError("23505"))).toBe("23505");
    expect(sqlState(new Error("plain"))).toBeNull();
    expect(sqlState(null)).toBeNull();
  });

  it("retries a deadlock or a serialization failure, nothing else", () => {
    expect(isRetryableTransactionError(adapterError("40P01"))).toBe(true);
    expect(isRetryableTransactionError(rawQueryError("40001"))).toBe(true);
    expect(isRetryableTransactionError(adapterError("23505"))).toBe(false);
    expect(isRetryableTransactionError(new Error("connection refused"))).toBe(false);
  });

  it("recognises a unique key taken, from a model query or a raw one", () => {
    const modelError = new Prisma.PrismaClientKnownRequestError("Unique", { code: "P2002", clientVersion: "6.19.3" });
    expect(isUniqueViolation(modelError)).toBe(true);
    expect(isUniqueViolation(rawQueryError("23505"))).toBe(true);
    expect(isUniqueViolation(adapterError("40P01"))).toBe(false);
  });

  it("recognises a missing referenced row and a missing record", () => {
    const foreignKey = new Prisma.PrismaClientKnownRequestError("FK", { code: "P2003", clientVersion: "6.19.3" });
    expect(isMissingReference(foreignKey)).toBe(true);
    expect(isMissingReference(adapterError("23503"))).toBe(true);
    expect(isMissingReference(rawQueryError("23505"))).toBe(false);
    const missing = new Prisma.PrismaClientKnownRequestError("Not found", { code: "P2025", clientVersion: "6.19.3" });
    expect(isRecordNotFound(missing)).toBe(true);
    expect(isRecordNotFound(foreignKey)).toBe(false);
  });
});
