import Link from "next/link";
import { mergeConversationAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { LinkIdentityForm } from "@/components/inbox/link-identity-form";
import { CustomerPrivacyPanel } from "@/components/inbox/customer-privacy-panel";
import { EmailUnsubscribeButton } from "@/components/inbox/email-unsubscribe-button";
import { SequenceList } from "@/components/inbox/sequence-list";
import { CHANNEL_LABEL, CHANNEL_MARK } from "@/lib/channels/channels";
import { formatDate } from "@/lib/i18n/format";
import { consentSourceLabel } from "@/lib/i18n/labels";
import { formatMoney } from "@/lib/i18n/numbers";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import { customerTimeZones } from "@/lib/outbound/quiet-hours";
import { getShopSettingsForRender } from "@/lib/settings/get-shop-settings";

/** What the agent needs to know about the customer: contact, consent, orders, sequences, history. */
export async function CustomerSidebar({
  conversationId,
  customer,
  canManagePrivacy,
}: {
  conversationId: string;
  customer: ConversationDetail["customer"];
  canManagePrivacy: boolean;
}) {
  const { t, locale } = await getTranslator(inboxMessages);
  const [timeZone, shop] = await Promise.all([viewerTimeZone(), getShopSettingsForRender()]);
  const day = (date: Date) => formatDate(date, locale, timeZone);
  // Sequences are timed in the customer's zone (quiet hours, "10:00 the next day"): shown in it.
  const customerZone = customerTimeZones(customer, shop?.timeZone ?? "UTC")[0] ?? "UTC";
  return (
    <aside aria-label={t("customer")} className="min-w-0 space-y-5 text-sm">
      <section>
        <h2 className="text-xs font-semibold uppercase text-stone-500">{t("contact")}</h2>
        <p className="break-all">{customer.email ?? t("noEmail")}</p>
        <p>{customer.phone ?? t("noPhone")}</p>
        <p className="text-xs text-stone-500">
          {customer.locale.toUpperCase()}
          {customer.timeZone && ` · ${customer.timeZone}`}
        </p>
      </section>
      {customer.channelIdentities.length > 0 && (
        <section data-testid="channel-identities">
          <h2 className="text-xs font-semibold uppercase text-stone-500">{t("chatIdentities")}</h2>
          <ul className="space-y-2">
            {customer.channelIdentities.map((identity) => (
              <li key={identity.id}>
                <p>
                  {CHANNEL_MARK[identity.channel]} {t(CHANNEL_LABEL[identity.channel])} ·{" "}
                  {identity.profileName && `${identity.profileName} · `}
                  <span className="font-mono text-xs">{t("chatPersonId", { id: identity.externalId })}</span>
                </p>
                {identity.linkedAt ? (
                  <p className="text-xs text-stone-500">{t("chatLinkedOn", { date: day(identity.linkedAt) })}</p>
                ) : (
                  // Made for this person alone: the agent says who they are (never guessed from a name).
                  !customer.email &&
                  !customer.phone && (
                    <LinkIdentityForm
                      identityId={identity.id}
                      conversationId={conversationId}
                      customerId={customer.id}
                      channelLabel={t(CHANNEL_LABEL[identity.channel])}
                    />
                  )
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2 className="text-xs font-semibold uppercase text-stone-500">{t("consent")}</h2>
        <p data-testid="sms-consent">
          {customer.smsOptedOutAt
            ? t("smsOptedOut", { date: day(customer.smsOptedOutAt) })
            : customer.smsConsentAt
              ? t("smsConsent", {
                  date: day(customer.smsConsentAt),
                  source: customer.smsConsentSource
                    ? consentSourceLabel(customer.smsConsentSource, locale)
                    : t("unknownSource"),
                })
              : t("smsNoConsent")}
          {customer.smsUnreachableAt && ` · ${t("numberUnreachable")}`}
        </p>
        {customer.phoneNumbers
          .filter((other) => other.number !== customer.phone)
          .map((other) => (
            <p key={other.number} className="text-xs text-stone-600" data-testid="other-number-consent">
              {other.number} ·{" "}
              {other.optedOutAt
                ? t("otherNumberOptedOut", { date: day(other.optedOutAt) })
                : other.consentAt
                  ? t("otherNumberConsent", { date: day(other.consentAt) })
                  : t("otherNumberNoConsent")}
            </p>
          ))}
        <p>
          {customer.emailSuppressedAt
            ? t("emailSuppressed", { reason: customer.emailSuppressedReason ?? t("bounce") })
            : customer.emailUnsubscribedAt
              ? t("emailUnsubscribed", { date: day(customer.emailUnsubscribedAt) })
              : t("emailSubscribed")}
        </p>
        {customer.email && !customer.emailUnsubscribedAt && !customer.emailSuppressedAt && (
          <EmailUnsubscribeButton conversationId={conversationId} />
        )}
        {customer.consentEvents.length > 0 && (
          <details className="mt-1 text-xs text-stone-600" data-testid="consent-history">
            <summary className="cursor-pointer">{t("consentHistory")}</summary>
            <ul className="mt-1 space-y-1">
              {customer.consentEvents.map((event) => (
                <li key={event.id}>
                  {t(event.change === "granted" ? "consentGranted" : "consentRevoked", {
                    date: day(event.occurredAt),
                    channel: event.channel === "sms" ? "SMS" : t("emailChannel"),
                    source: consentSourceLabel(event.source, locale),
                  })}
                  {event.address && ` · ${event.address}`}
                  {event.wording && <q className="block italic">{event.wording}</q>}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <section>
        <h2 className="text-xs font-semibold uppercase text-stone-500">{t("orders")}</h2>
        {customer.orders.length === 0 ? (
          <p className="text-stone-500">{t("noOrders")}</p>
        ) : (
          <ul className="space-y-1">
            {customer.orders.map((order) => (
              <li key={order.id}>
                {order.number} · {formatMoney(order.totalPrice, order.currency, locale)} ·{" "}
                {order.cancelledAt
                  ? t("order_cancelled")
                  : order.deliveredAt
                    ? t("order_delivered", { date: day(order.deliveredAt) })
                    : order.paidAt
                      ? t("order_paid")
                      : t("order_placed")}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-xs font-semibold uppercase text-stone-500">{t("sequences")}</h2>
        <SequenceList
          conversationId={conversationId}
          messages={customer.scheduledMessages}
          customerZone={customerZone}
        />
      </section>
      <section>
        <h2 className="text-xs font-semibold uppercase text-stone-500">{t("pastConversations")}</h2>
        {customer.conversations.length === 0 ? (
          <p className="text-stone-500">{t("none")}</p>
        ) : (
          <ul className="space-y-1">
            {customer.conversations.map((c) => (
              <li key={c.id} data-testid="past-conversation">
                <Link className="text-brand-700 underline" href={`/inbox/${c.id}`}>
                  {c.subject ?? t("conversation")}
                </Link>{" "}
                · {t(`status_${c.status}`)} · {day(c.lastMessageAt)}
                <ConfirmAction
                  className="mt-1"
                  label={t("mergeHere")}
                  question={t("mergeQuestion", { subject: c.subject ?? t("conversation") })}
                  confirmLabel={t("mergeConfirm")}
                  action={mergeConversationAction}
                  input={{ sourceId: c.id, targetId: conversationId }}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      {canManagePrivacy && (
        <section>
          <h2 className="text-xs font-semibold uppercase text-stone-500">{t("privacy")}</h2>
          {customer.erasedAt ? (
            <p className="text-xs text-stone-600">{t("customerErased", { date: day(customer.erasedAt) })}</p>
          ) : (
            <CustomerPrivacyPanel customerId={customer.id} conversationId={conversationId} />
          )}
        </section>
      )}
    </aside>
  );
}
