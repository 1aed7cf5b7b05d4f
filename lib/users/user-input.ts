// Input rules for staff users, shared by the Users page, its server actions and the CLI.
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { emailAddress } from "@/lib/validation/email";

export const MIN_PASSWORD_LENGTH = 10;

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });

export const emailSchema = emailAddress();

export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`);

export const newUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(120, "must be 120 characters or fewer").optional(),
  role: roleSchema,
  password: z.preprocess((value) => (value === "" ? undefined : value), passwordSchema.optional()),
});

export type NewUserInput = z.infer<typeof newUserSchema>;
