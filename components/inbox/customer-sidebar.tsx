import Link from "next/link";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** What the agent needs to know about the customer: contact, consent, orders, sequences, history. */
export function CustomerSidebar({ customer }: { customer: ConversationDetail["customer"] }) {
  return (
    <aside aria-label="Customer" className="space-y-5 text-sm">
      <section>
        <h2 className="text-xs font-semibold uppercase text-stone-500">Contact</h2>
        <p>{customer.email ?? "No email"}</p>
        <p>{customer.phone ?? "No phone"}</p>
        <p className="text-xs text-stone-500">
          {customer.locale.toUpperCase()}
          {customer.timeZone && ` · ${customer.timeZone}`}
        </p>
      </section>
      <section>
        <h2 className="text-xs font-semibold uppercase text-stone-500">Consent</h2>
        <p data-testid="sms-consent">
          SMS:{" "}
          {customer.smsOptedOutAt
            ? `opted out ${day(customer.smsOptedOutAt)}`
            : customer.smsConsentAt
              ? `consent ${day(customer.smsConsentAt)} (${customer.smsConsentSource ?? "unknown source"})`
              : "no consent"}
          {customer.smsUnreachableAt && " · number unreachable"}
        </p>
        <p>
          Email:{" "}
          {customer.emailSuppressedAt ? `suppressed (${customer.emailSuppressedReason ?? "bounce"})` : customer.emailUnsubscribedAt ? `unsubscribed ${day(customer.emailUnsubscribedAt)}` : "subscribed"}
        </p>
      </section>
      <section>
        <h2 className="text-xs font-semibold uppercase text-stone-500">Orders</h2>
        {customer.orders.length === 0 ? (
          <p className="text-stone-500">No orders.</p>
        ) : (
          <ul className="space-y-1">
            {customer.orders.map((order) => (
              <li key={order.id}>
                {order.number} · {order.totalPrice.toString()} {order.currency} ·{" "}
                {order.cancelledAt ? "cancelled" : order.deliveredAt ? `delivered ${day(order.deliveredAt)}` : order.paidAt ? "paid" : "placed"}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-xs font-semibold uppercase text-stone-500">Sequences</h2>
        {customer.scheduledMessages.length === 0 ? (
          <p className="text-stone-500">Nothing scheduled.</p>
        ) : (
          <ul className="space-y-1">
            {customer.scheduledMessages.map((m) => (
              <li key={m.id} title={m.statusReason ?? undefined}>
                {m.flow.replace("_", " ")} · {m.step} ({m.channel}): <span className="font-medium">{m.status}</span> {m.status === "sent" ? day(m.sentAt) : day(m.dueAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-xs font-semibold uppercase text-stone-500">Past conversations</h2>
        {customer.conversations.length === 0 ? (
          <p className="text-stone-500">None.</p>
        ) : (
          <ul className="space-y-1">
            {customer.conversations.map((c) => (
              <li key={c.id}>
                <Link className="text-brand-700 underline" href={`/inbox/${c.id}`}>
                  {c.subject ?? "Conversation"}
                </Link>{" "}
                · {c.status} · {day(c.lastMessageAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
