"use server";

import { headers } from "next/headers";
import { publicAction } from "@/lib/auth/authorized-action";
import {
  clientAddress,
  recordSignInFailure,
  recordSignInSuccess,
  reserveSignInAttempt,
} from "@/lib/auth/sign-in-throttle";
import { AppError } from "@/lib/errors";
import { createFirstAdmin, firstAdminSchema } from "@/lib/users/first-admin";

/** The first admin of a new installation; refused once one exists. Throttled like a sign-in. */
export const createFirstAdminAction = publicAction("first-run", firstAdminSchema, async (input) => {
  const subject = { account: "first-run", address: clientAddress(await headers()) };
  const reservation = await reserveSignInAttempt(subject);
  if (!reservation.allowed)
    throw new AppError(
      "too_many_requests",
      `Too many attempts. Try again in ${Math.ceil(reservation.retryAfterSeconds / 60)} min.`,
    );
  try {
    const created = await createFirstAdmin(input);
    await recordSignInSuccess(subject);
    return created;
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") await recordSignInFailure(subject);
    throw error;
  }
});
