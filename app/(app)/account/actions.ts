"use server";

import { z } from "zod";
import { headers } from "next/headers";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { renewOwnSession } from "@/lib/auth/renew-session";
import { clientAddress } from "@/lib/auth/sign-in-throttle";
import { timeZoneChoiceSchema } from "@/lib/i18n/time-zone-choice";
import { updateOwnTimeZone } from "@/lib/users/update-own-time-zone";
import { changeOwnPassword, changePasswordSchema } from "@/lib/users/passwords";
import { setEmailDigest } from "@/lib/notifications/notification-digest";

/** Changes the signed-in user's password; their other sessions end, this one goes on. */
export const changeOwnPasswordAction = authorizedAction("profile.update", changePasswordSchema, async (input, user) => {
  const { sessionVersion } = await changeOwnPassword(user.id, input, clientAddress(await headers()));
  await renewOwnSession(sessionVersion);
});

/** The zone the user reads times in; "auto" follows their browser. */
export const saveOwnTimeZoneAction = authorizedAction(
  "profile.update",
  z.object({ timeZone: timeZoneChoiceSchema }),
  async (input, user) => {
    return updateOwnTimeZone(user.id, input.timeZone);
  },
);

/** The daily email digest of unread notifications, on or off. */
export const saveOwnDigestAction = authorizedAction(
  "profile.update",
  z.object({ emailDigest: z.boolean() }),
  async (input, user) => setEmailDigest(user.id, input.emailDigest),
);
