"use server";

import { headers } from "next/headers";
import { publicAction } from "@/lib/auth/authorized-action";
import { clientAddress, reserveSignInAttempt } from "@/lib/auth/sign-in-throttle";
import { AppError } from "@/lib/errors";
import { createFirstAdmin, firstAdminSchema } from "@/lib/users/first-admin";

/** The first admin of a new installation; refused once one exists. Throttled like a sign-in. */
export const createFirstAdminAction = publicAction("first-run", firstAdminSchema, async (input) => {
  const reservation = await reserveSignInAttempt({ account: "first-run", address: clientAddress(await headers()) });
  if (!reservation.allowed) throw new AppError("too_many_requests", `Too many attempts. Try again in ${Math.ceil(reservation.retryAfterSeconds / 60)} min.`);
  return createFirstAdmin(input);
});
