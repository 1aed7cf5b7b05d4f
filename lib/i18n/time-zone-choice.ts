// What a user picks for their own time zone: a zone Intl knows, or "auto" to follow the browser.
import { z } from "zod";
import { isTimeZone } from "@/lib/i18n/time-zone";

export const timeZoneChoiceSchema = z
  .string()
  .refine((value) => value === "auto" || isTimeZone(value), "Pick a time zone from the list");
