"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { recordFixSchema, recordFrictionFix } from "@/lib/friction/record-fix";

export const recordFixAction = authorizedAction("friction.record_fix", recordFixSchema, async (input, user) => {
  await recordFrictionFix(input, user.id);
  revalidatePath("/reports");
});
