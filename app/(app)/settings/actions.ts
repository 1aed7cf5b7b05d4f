"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { shopSettingsSchema } from "@/lib/settings/shop-settings-input";
import { updateShopSettings } from "@/lib/settings/update-shop-settings";

export const saveShopSettings = authorizedAction("settings.update", shopSettingsSchema, async (input, user) => {
  const saved = await updateShopSettings(input, user.id);
  revalidatePath("/settings");
  return saved;
});
