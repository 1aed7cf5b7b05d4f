"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/manage-api-tokens";
import { assignProductCategory, categoryInputSchema, saveProductCategory } from "@/lib/catalog/product-categories";
import { dataSettingsSchema } from "@/lib/settings/data-settings-input";
import { flowSettingsSchema } from "@/lib/settings/flow-settings-input";
import { updateDataSettings } from "@/lib/settings/update-data-settings";
import { updateFlowSettings } from "@/lib/settings/update-flow-settings";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { shopSettingsSchema } from "@/lib/settings/shop-settings-input";
import { updateShopSettings } from "@/lib/settings/update-shop-settings";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import { createDefaultSavedReplies } from "@/lib/saved-replies/saved-replies";

export const saveShopSettings = authorizedAction("settings.update", shopSettingsSchema, async (input, user) => {
  const firstTime = !(await getShopSettingsRow());
  const saved = await updateShopSettings(input, user.id);
  // A new shop starts with the founder-voice saved replies; the team edits them from then on.
  if (firstTime) await createDefaultSavedReplies();
  revalidatePath("/settings");
  return saved;
});

export const saveDataSettings = authorizedAction("settings.update", dataSettingsSchema, async (input, user) => {
  const saved = await updateDataSettings(input, user.id);
  revalidatePath("/settings");
  return saved;
});

export const saveFlowSettings = authorizedAction("settings.update", flowSettingsSchema, async (input, user) => {
  const saved = await updateFlowSettings(input, user.id);
  revalidatePath("/settings");
  return saved;
});

export const createApiTokenAction = authorizedAction(
  "settings.api_tokens",
  z.object({ name: z.string().trim().min(1, "Give the token a name, e.g. the system that will use it").max(80) }),
  async (input, user) => {
    const created = await createApiToken(input.name, user.id);
    revalidatePath("/settings");
    return created;
  },
);

export const revokeApiTokenAction = authorizedAction(
  "settings.api_tokens",
  z.object({ id: z.string().min(1) }),
  async (input, user) => {
    await revokeApiToken(input.id, user.id);
    revalidatePath("/settings");
  },
);

export const saveCategoryAction = authorizedAction("settings.update", categoryInputSchema, async (input, user) => {
  const saved = await saveProductCategory(input, user.id);
  revalidatePath("/settings");
  return { id: saved.id, name: saved.name };
});

export const assignCategoryAction = authorizedAction(
  "settings.update",
  z.object({ productId: z.string().min(1), categoryId: z.string().min(1).nullable() }),
  async (input, user) => {
    await assignProductCategory(input.productId, input.categoryId, user.id);
    revalidatePath("/settings");
  },
);
