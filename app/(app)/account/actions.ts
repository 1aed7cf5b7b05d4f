"use server";

import { headers } from "next/headers";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { renewOwnSession } from "@/lib/auth/renew-session";
import { clientAddress } from "@/lib/auth/sign-in-throttle";
import { changeOwnPassword, changePasswordSchema } from "@/lib/users/passwords";

/** Changes the signed-in user's password; their other sessions end, this one goes on. */
export const changeOwnPasswordAction = authorizedAction("profile.update", changePasswordSchema, async (input, user) => {
  const { sessionVersion } = await changeOwnPassword(user.id, input, clientAddress(await headers()));
  await renewOwnSession(sessionVersion);
});
