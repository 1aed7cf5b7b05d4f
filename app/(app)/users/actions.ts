"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { createUser } from "@/lib/users/create-user";
import { changeUserRole, setUserActive } from "@/lib/users/update-user-access";
import { newUserSchema, roleSchema } from "@/lib/users/user-input";
import { resetPasswordSchema, resetUserPassword } from "@/lib/users/passwords";

export const createUserAction = authorizedAction("users.manage", newUserSchema, async (input, user) => {
  const created = await createUser(input, user.id);
  revalidatePath("/users");
  return created;
});

export const changeUserRoleAction = authorizedAction(
  "users.manage",
  z.object({ userId: z.string().min(1), role: roleSchema }),
  async (input, user) => {
    await changeUserRole(input.userId, input.role, user.id);
    revalidatePath("/users");
  },
);

export const setUserActiveAction = authorizedAction(
  "users.manage",
  z.object({ userId: z.string().min(1), active: z.boolean() }),
  async (input, user) => {
    await setUserActive(input.userId, input.active, user.id);
    revalidatePath("/users");
  },
);

/** Sets a new password for someone else (generated and shown once unless given); their sessions end. */
export const resetUserPasswordAction = authorizedAction("users.manage", resetPasswordSchema, async (input, user) => {
  const result = await resetUserPassword(input, user.id);
  revalidatePath("/users");
  return result;
});
