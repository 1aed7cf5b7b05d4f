import { z } from "zod";

/** A trimmed, lower-cased address, checked with the browser's own (HTML5) email rule. */
export function emailAddress(message = "must be a valid email address") {
  return z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ pattern: z.regexes.html5Email, error: message }));
}
