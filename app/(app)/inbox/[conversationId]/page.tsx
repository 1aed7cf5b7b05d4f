import { customerName } from "@/lib/customers/customer-name";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ConversationActions } from "@/components/inbox/conversation-actions";
import { ConversationLive } from "@/components/inbox/conversation-live";
import { CustomerSidebar } from "@/components/inbox/customer-sidebar";
import { ForwardForm } from "@/components/inbox/forward-form";
import { FrictionPanel } from "@/components/inbox/friction-panel";
import { ReplyComposer } from "@/components/inbox/reply-composer";
import { ReviewLinkPanel } from "@/components/inbox/review-link-panel";
import { TagEditor } from "@/components/inbox/tag-editor";
import { ThreadMessage } from "@/components/inbox/thread-message";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/require-access";
import { configuredChannels, replyConfigured } from "@/lib/env";
import { listFrictionCategories } from "@/lib/friction/friction-categories";
import { formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { frictionCategoryLabel, priorityLabel } from "@/lib/i18n/labels";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import { listSavedReplies } from "@/lib/saved-replies/saved-replies";
import { listTagNames } from "@/lib/inbox/conversation-tags";
import { getConversation } from "@/lib/inbox/get-conversation";
import { parseInboxView } from "@/lib/inbox/inbox-views";
import { adjacentConversations } from "@/lib/inbox/list-conversations";
import { staffSignature } from "@/lib/inbox/staff-signature";
import { defaultReplyChannel, replyChannels, reviewLinkChannels } from "@/lib/inbox/reply-channels";
import { customerReplyWindows } from "@/lib/meta/reply-windows";
import { getShopSettingsForRender } from "@/lib/settings/get-shop-settings";
import { listAssignableUsers } from "@/lib/users/list-users";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(inboxMessages);
  return { title: t("conversation") };
}

export default async function ConversationPage({
  params,
  searchParams,
}: {
  params: Promise<{ conversationId: string }>;
  searchParams: Promise<{ view?: string }>;
}) {
  const user = await requireArea("inbox");
  const conversation = await getConversation((await params).conversationId);
  if (!conversation) notFound();
  const view = parseInboxView((await searchParams).view);
  // Merged into another conversation: that one holds its messages now.
  if (conversation.mergedIntoId) redirect(`/inbox/${conversation.mergedIntoId}?view=${view}`);
  const { t, locale } = await getTranslator(inboxMessages);
  const timeZone = await viewerTimeZone();
  const [categories, tagSuggestions, savedReplies, settings, teammates, neighbours, replyWindows] = await Promise.all([
    listFrictionCategories(),
    listTagNames(),
    listSavedReplies(conversation.customer.locale),
    getShopSettingsForRender(),
    listAssignableUsers(),
    adjacentConversations({ view, userId: user.id, conversationId: conversation.id }),
    // Only a customer who wrote on Messenger or Instagram has windows to read.
    conversation.customer.channelIdentities.length ? customerReplyWindows(conversation.customer.id) : {},
  ]);
  const { customer, messages } = conversation;
  const name = customerName(customer) ?? t("unknownCustomer");
  const configured = replyConfigured();
  const lastInbound = messages.findLast((m) => m.direction === "inbound");
  const channels = replyChannels({
    customer: { ...customer, replyWindows },
    customerTexted: messages.some((m) => m.direction === "inbound" && m.channel === "sms"),
    configured,
  });
  const reviewChannels = reviewLinkChannels({ customer, configured });
  const latestOrder = customer.orders[0];

  return (
    <div className="grid gap-6 wrap-anywhere lg:grid-cols-[minmax(0,1fr)_18rem]">
      <section aria-labelledby="thread-title" className="min-w-0 space-y-4">
        <div className="space-y-2">
          <Link href={`/inbox?view=${view}`} className="text-xs text-brand-700 underline">
            {t("backToInbox")}
          </Link>
          <h1 id="thread-title" className="text-lg font-semibold">
            {name}
            {conversation.subject && <span className="font-normal text-stone-500"> · {conversation.subject}</span>}
          </h1>
          <p className="text-xs text-stone-600" data-testid="conversation-state">
            {conversation.status === "snoozed" && conversation.snoozedUntil
              ? t("snoozedUntilTime", { time: formatDateTime(conversation.snoozedUntil, locale, timeZone) })
              : t(`status_${conversation.status}`)}
            {conversation.needsHuman && ` · ${t("needsHuman")}`} · {priorityLabel(conversation.priority, locale)} ·{" "}
            {conversation.assignee ? t("assignedToName", { name: conversation.assignee.name }) : t("unassigned")}
            {conversation.sentiment && ` · ${t(`sentiment_${conversation.sentiment}`)}`}
            {conversation.intent && ` · ${t(`intent_${conversation.intent}`)}`}
          </p>
          <TagEditor
            conversationId={conversation.id}
            tags={conversation.tags.map((tag) => tag.tag.name).sort()}
            suggestions={tagSuggestions}
          />
        </div>
        <ConversationLive
          conversationId={conversation.id}
          latestMessageId={messages.at(-1)?.id ?? null}
          updatedAt={conversation.updatedAt.toISOString()}
        >
          <ol className="space-y-3">
            {messages.map((message) => (
              <ThreadMessage key={message.id} message={message} customerName={name} />
            ))}
          </ol>
          <ReplyComposer
            conversationId={conversation.id}
            latestMessageId={messages.at(-1)?.id ?? null}
            channels={channels}
            defaultChannel={defaultReplyChannel(lastInbound?.channel ?? null, channels)}
            savedReplies={savedReplies.map(({ id, name, folder, body, locale }) => ({
              id,
              name,
              folder,
              body,
              locale,
            }))}
            values={{
              firstName: customer.firstName,
              productName: latestOrder?.lineItems[0]?.title,
              orderNumber: latestOrder?.number,
              shopName: settings?.shopName,
              founderName: settings?.founderName,
            }}
            customerLocale={customer.locale}
            aiConfigured={configuredChannels().ai}
            signature={staffSignature(user.name, settings?.shopName ?? "")}
            teammates={teammates.filter((member) => member.id !== user.id)}
          />
        </ConversationLive>
        <ConversationActions
          conversationId={conversation.id}
          status={conversation.status}
          assigneeId={conversation.assignee?.id ?? null}
          currentUserId={user.id}
          teammates={teammates}
          view={view}
          previousId={neighbours.previousId}
          nextId={neighbours.nextId}
        />
        <ForwardForm conversationId={conversation.id} />
        <div className="flex flex-wrap items-start gap-4 rounded-lg border border-stone-200 bg-white p-4">
          <FrictionPanel
            conversationId={conversation.id}
            marks={conversation.frictionMarks.map((m) => ({
              id: m.id,
              categoryName: frictionCategoryLabel(m.category, locale),
              note: m.note,
            }))}
            categories={categories.map((c) => ({ id: c.id, name: frictionCategoryLabel(c, locale) }))}
            canCreateCategories={can(user.role, "friction.manage_categories")}
          />
          <ReviewLinkPanel conversationId={conversation.id} email={reviewChannels.email} sms={reviewChannels.sms} />
        </div>
      </section>
      <CustomerSidebar
        conversationId={conversation.id}
        customer={customer}
        canManagePrivacy={can(user.role, "customers.privacy")}
      />
    </div>
  );
}
