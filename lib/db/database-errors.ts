import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The SQLSTATE PostgreSQL gave, however Prisma's driver adapter wrapped it: as the cause of a
 * DriverAdapterError (inside an interactive transaction) or in a known request error's meta.
 */
export function sqlState(error: unknown): string | null {
  const fromCause = (error as { cause?: { originalCode?: unknown } } | null)?.cause?.originalCode;
  if (typeof fromCause === "string") return fromCause;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const adapter = error.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined;
    if (typeof adapter?.cause?.originalCode === "string") return adapter.cause.originalCode;
  }
  return null;
}

/** A unique key already taken (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") || sqlState(error) === "23505"
  );
}

/** A row the statement refers to is missing (a foreign key, 23503), e.g. deleted meanwhile. */
export function isMissingReference(error: unknown): boolean {
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") || sqlState(error) === "23503"
  );
}

/** The record an update or delete names does not exist. */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

/** A deadlock or a serialization failure: nothing was written, and the transaction may simply run again. */
export function isRetryableTransactionError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  const state = sqlState(error);
  return state === "40P01" || state === "40001";
}
