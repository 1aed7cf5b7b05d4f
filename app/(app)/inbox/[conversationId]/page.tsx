import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConversationActions } from "@/components/inbox/conversation-actions";
import { MessageBody } from "@/components/inbox/message-body";
import { CustomerSidebar } from "@/components/inbox/customer-sidebar";
import { requireArea } from "@/lib/auth/require-access";
import { getConversation } from "@/lib/inbox/get-conversation";

export const metadata: Metadata = { title: "Conversation" };

const STATUS_STYLE: Record<string, string> = { delivered: "text-emerald-700", failed: "text-red-700", sent: "text-stone-600", queued: "text-stone-500", sending: "text-stone-500", received: "text-stone-500" };

export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const user = await requireArea("inbox");
  const conversation = await getConversation((await params).conversationId);
  if (!conversation) notFound();
  const { customer } = conversation;
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email || customer.phone || "Unknown customer";
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <section aria-labelledby="thread-title" className="min-w-0 space-y-4">
        <div>
          <Link href="/inbox" className="text-xs text-brand-700 underline">
            ← Inbox
          </Link>
          <h1 id="thread-title" className="mt-1 text-lg font-semibold">
            {name}
            {conversation.subject && <span className="font-normal text-stone-500"> · {conversation.subject}</span>}
          </h1>
          <p className="text-xs text-stone-600">
            {conversation.status}
            {conversation.needsHuman && " · needs a human"} · priority {conversation.priority}
            {conversation.assignee ? ` · assigned to ${conversation.assignee.name}` : " · unassigned"}
            {conversation.sentiment && ` · ${conversation.sentiment}`}
            {conversation.intent && ` · ${conversation.intent.replace("_", " ")}`}
          </p>
        </div>
        <ol className="space-y-3">
          {conversation.messages.map((message) => {
            const automatic = message.authorType === "automation";
            const outbound = message.direction === "outbound";
            return (
              <li
                key={message.id}
                data-testid="thread-message"
                className={`rounded-lg border p-4 ${message.isInternalNote ? "border-amber-300 bg-amber-50" : outbound ? "ml-8 border-brand-100 bg-brand-50" : "mr-8 border-stone-200 bg-white"}`}
              >
                <p className="mb-2 flex flex-wrap gap-2 text-xs text-stone-600">
                  <span className="font-medium text-stone-800">{message.isInternalNote ? "Internal note" : outbound ? (automatic ? "Automatic" : (message.authorUser?.name ?? "Staff")) : name}</span>
                  <span>{message.channel === "email" ? "✉ email" : "💬 SMS"}</span>
                  <span>{outbound ? "sent" : "received"} {message.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</span>
                  {automatic && message.scheduledMessage && (
                    <span className="rounded bg-stone-100 px-1.5">
                      {message.scheduledMessage.flow.replace("_", " ")} · {message.scheduledMessage.step}
                    </span>
                  )}
                  {outbound && !message.isInternalNote && (
                    <span className={STATUS_STYLE[message.deliveryStatus]}>
                      {message.deliveryStatus}
                      {message.deliveryError && `: ${message.deliveryError}`}
                    </span>
                  )}
                  {message.intent && <span className="rounded bg-sky-50 px-1.5 text-sky-800">{message.intent.replace("_", " ")}</span>}
                  {message.frictionHint && <span className="rounded bg-orange-50 px-1.5 text-orange-800">friction: {message.frictionHint.replace("_", " ")}</span>}
                </p>
                {message.subject && message.channel === "email" && <p className="mb-1 text-sm font-medium">{message.subject}</p>}
                <MessageBody text={message.textBody} strippedText={message.strippedText} html={message.html} />
                {message.attachments.length > 0 && (
                  <ul className="mt-2 text-xs text-stone-600">
                    {message.attachments.map((a) => (
                      <li key={a.id}>
                        📎 {a.filename} ({Math.round(a.size / 1024)} KB){a.droppedReason && ` · ${a.droppedReason}`}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
        <ConversationActions conversationId={conversation.id} status={conversation.status} assignedToMe={conversation.assignee?.id === user.id} />
        <p className="text-xs text-stone-500">Replying to the customer, tags, friction marks and review links from here come with the rest of the inbox (issue #5).</p>
      </section>
      <CustomerSidebar customer={customer} />
    </div>
  );
}
