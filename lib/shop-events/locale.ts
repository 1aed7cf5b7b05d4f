import type { Locale } from "@/lib/generated/prisma/enums";

/** "fr-FR", "fr", "FR_ca" → fr; other known languages → en; unknown → null (shop default). */
export function localeFrom(raw: string | null | undefined): Locale | null {
  if (!raw) return null;
  const language = raw.trim().toLowerCase().split(/[-_]/)[0];
  if (language === "fr") return "fr";
  return language ? "en" : null;
}
