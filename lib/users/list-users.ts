import "server-only";
import { db } from "@/lib/db";

export async function listUsers() {
  return db.user.findMany({
    orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, deactivatedAt: true, lastSignInAt: true, createdAt: true },
  });
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

/** The active teammates a conversation can be assigned to. */
export async function listAssignableUsers() {
  return db.user.findMany({
    where: { deactivatedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
