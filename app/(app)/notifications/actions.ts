"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { markNotificationsRead } from "@/lib/notifications/notifications";

export const markAllNotificationsReadAction = authorizedAction("inbox.work", z.object({}), async (_input, user) => {
  const count = await markNotificationsRead(user.id, new Date());
  revalidatePath("/notifications");
  return count;
});
