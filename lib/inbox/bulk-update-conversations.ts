import "server-only";
import { customerName } from "@/lib/customers/customer-name";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, type ErrorText } from "@/lib/errors";
import { addTag, tagNameSchema } from "@/lib/inbox/conversation-tags";
import { assignConversation, changeConversationStatus } from "@/lib/inbox/update-conversation";
import { logError } from "@/lib/log";

// The list's bulk actions: the same single-conversation functions, so each conversation gets the
// same rules and its own audit entry; one that cannot change does not stop the others.

const MAX_SELECTED = 100;

export const bulkActionSchema = z.object({
  conversationIds: z
    .array(z.string().min(1))
    .min(1, "Select conversations first")
    .max(MAX_SELECTED, `${MAX_SELECTED} conversations at a time at most`)
    .transform((ids) => [...new Set(ids)]),
  action: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("assign"), assigneeId: z.string().min(1).nullable() }),
    z.object({ kind: z.literal("tag"), name: tagNameSchema }),
    z.object({ kind: z.literal("close"), resolution: z.enum(["resolved", "not_resolved"]) }),
    z.object({ kind: z.literal("snooze"), snoozedUntil: z.coerce.date({ error: "Pick a date and time" }) }),
    z.object({ kind: z.literal("reopen") }),
  ]),
});
export type BulkActionInput = z.infer<typeof bulkActionSchema>;
export type BulkAction = BulkActionInput["action"];

export type BulkOutcome = {
  /** Changed, each with its audit entry. */
  changed: string[];
  /** Already as asked (closed, assigned to them, tagged): left as they were. */
  unchanged: string[];
  /** Could not change, and why; the others were not held back. */
  failed: { id: string; customerName: string | null; reason: ErrorText }[];
};

type Current = {
  id: string;
  status: string;
  assigneeId: string | null;
  tags: string[];
  customerName: string | null;
};

function alreadyDone(action: BulkAction, conversation: Current): boolean {
  switch (action.kind) {
    case "assign":
      return conversation.assigneeId === action.assigneeId;
    case "tag":
      return conversation.tags.includes(action.name);
    case "close":
      return conversation.status === "closed";
    case "snooze":
      return false;
    case "reopen":
      return conversation.status === "open";
  }
}

async function apply(action: BulkAction, id: string, actorUserId: string, now: Date): Promise<void> {
  switch (action.kind) {
    case "assign":
      return assignConversation(id, action.assigneeId, actorUserId);
    case "tag":
      return addTag(id, action.name, actorUserId);
    case "close":
      return changeConversationStatus(
        { conversationId: id, status: "closed", resolution: action.resolution },
        actorUserId,
        now,
      );
    case "snooze":
      return changeConversationStatus(
        { conversationId: id, status: "snoozed", snoozedUntil: action.snoozedUntil },
        actorUserId,
        now,
      );
    case "reopen":
      return changeConversationStatus({ conversationId: id, status: "open" }, actorUserId, now);
  }
}

/** What the whole selection needs is checked once, before anything changes: a clear form error. */
async function checkAction(action: BulkAction, now: Date): Promise<void> {
  if (action.kind === "snooze" && action.snoozedUntil <= now) throw AppError.because("bad_request", "snoozeInFuture");
  if (action.kind === "assign" && action.assigneeId) {
    const assignee = await db.user.findUnique({ where: { id: action.assigneeId }, select: { deactivatedAt: true } });
    if (!assignee || assignee.deactivatedAt) throw AppError.because("bad_request", "teammateCannotBeAssigned");
  }
}

/** Assigns, tags, closes, snoozes or reopens the selected conversations, each on its own. */
export async function bulkUpdateConversations(
  input: BulkActionInput,
  actorUserId: string,
  now = new Date(),
): Promise<BulkOutcome> {
  await checkAction(input.action, now);
  const rows = await db.conversation.findMany({
    where: { id: { in: input.conversationIds } },
    select: {
      id: true,
      status: true,
      assigneeId: true,
      tags: { select: { tag: { select: { name: true } } } },
      customer: { select: { firstName: true, lastName: true, email: true, phone: true } },
    },
  });
  const byId = new Map<string, Current>(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        status: row.status,
        assigneeId: row.assigneeId,
        tags: row.tags.map((t) => t.tag.name),
        customerName: customerName(row.customer),
      },
    ]),
  );
  const outcome: BulkOutcome = { changed: [], unchanged: [], failed: [] };
  // One after the other, in the order selected: each is a short transaction of its own.
  for (const id of input.conversationIds) {
    const conversation = byId.get(id);
    if (!conversation) {
      outcome.failed.push({ id, customerName: null, reason: { key: "conversationGone" } });
      continue;
    }
    if (alreadyDone(input.action, conversation)) {
      outcome.unchanged.push(id);
      continue;
    }
    try {
      await apply(input.action, id, actorUserId, now);
      outcome.changed.push(id);
    } catch (error) {
      if (!(error instanceof AppError)) logError("inbox", `bulk ${input.action.kind} failed for ${id}`, error);
      outcome.failed.push({
        id,
        customerName: conversation.customerName,
        reason: error instanceof AppError && error.text ? error.text : { key: "generic" },
      });
    }
  }
  return outcome;
}
