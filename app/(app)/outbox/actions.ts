"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { replyAsCustomer, replyAsCustomerSchema } from "@/lib/outbox/reply-as-customer";

export const replyAsCustomerAction = authorizedAction("outbox.use", replyAsCustomerSchema, async (input) => {
  const result = await replyAsCustomer(input);
  revalidatePath("/outbox");
  revalidatePath("/inbox");
  return result;
});
