import "server-only";
import { db, type DbClient } from "@/lib/db";
import type { LocaleChoice } from "@/lib/i18n/locale-choice";

/** Sets the language of the user's own screens; "auto" clears it, so the browser's applies. */
export async function updateOwnLocale(userId: string, choice: LocaleChoice, tx: DbClient = db): Promise<LocaleChoice> {
  const { locale } = await tx.user.update({
    where: { id: userId },
    data: { locale: choice === "auto" ? null : choice },
    select: { locale: true },
  });
  return locale ?? "auto";
}
