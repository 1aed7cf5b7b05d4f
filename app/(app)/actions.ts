"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { localeChoiceSchema } from "@/lib/i18n/locale-choice";
import { updateOwnLocale } from "@/lib/users/update-own-locale";

// Preferences every signed-in user sets for themselves, from the app's navigation.
export const saveOwnLocaleAction = authorizedAction(
  "profile.update",
  z.object({ locale: localeChoiceSchema }),
  async (input, user) => {
    return updateOwnLocale(user.id, input.locale);
  },
);
