"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { linkIdentityAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import type { CustomerHit } from "@/lib/search/search-inbox";

const DEBOUNCE_MS = 300;

async function findCustomers(query: string, signal: AbortSignal): Promise<CustomerHit[]> {
  const response = await fetch(`/api/inbox/search?${new URLSearchParams({ q: query })}`, { cache: "no-store", signal });
  if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? `HTTP ${response.status}`);
  return ((await response.json()) as { customers: CustomerHit[] }).customers;
}

/**
 * Says who a Messenger or Instagram person is: find the customer by name, address or number,
 * confirm, and their conversations join (one thread across channels). A person decides: the
 * product never links by a name alone.
 */
export function LinkIdentityForm({
  identityId,
  conversationId,
  customerId,
  channelLabel,
}: {
  identityId: string;
  conversationId: string;
  customerId: string;
  channelLabel: string;
}) {
  const { t } = useTranslator(inboxMessages);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.replace(/\s+/g, " ").trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const search = useQuery({
    queryKey: ["link-identity-customers", query],
    queryFn: ({ signal }) => findCustomers(query, signal),
    enabled: open && query.length >= 2,
  });
  const candidates = (search.data ?? []).filter((hit) => hit.customerId !== customerId);

  if (!open)
    return (
      <button type="button" className="text-xs text-brand-700 underline" onClick={() => setOpen(true)}>
        {t("linkIdentity")}
      </button>
    );
  return (
    <div className="mt-1 space-y-2 rounded border border-stone-200 p-2" data-testid="link-identity">
      <label className="block text-xs font-medium text-stone-700" htmlFor={`link-${identityId}`}>
        {t("linkIdentitySearch")}
      </label>
      <input
        id={`link-${identityId}`}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="w-full rounded border border-stone-300 px-2 py-1 text-sm"
        autoComplete="off"
      />
      {query.length < 2 ? (
        <p className="text-xs text-stone-500">{t("linkIdentityHint")}</p>
      ) : search.isPending ? (
        <p className="text-xs text-stone-500" role="status">
          {t("linkIdentitySearching")}
        </p>
      ) : search.isError ? (
        <p className="text-xs text-red-700" role="alert">
          {search.error.message}
        </p>
      ) : candidates.length === 0 ? (
        <p className="text-xs text-stone-500">{t("linkIdentityNone")}</p>
      ) : (
        <ul className="space-y-2">
          {candidates.map((hit) => {
            const who = [hit.name, hit.email, hit.phone].filter(Boolean).join(" · ");
            return (
              <li key={hit.customerId} data-testid="link-candidate">
                <p className="text-xs">{who}</p>
                <ConfirmAction
                  label={t("linkIdentityTo")}
                  question={t("linkIdentityQuestion", { channel: channelLabel, who })}
                  confirmLabel={t("linkIdentityConfirm")}
                  action={linkIdentityAction}
                  input={{ identityId, customerId: hit.customerId, conversationId }}
                  onSuccess={(data) => {
                    if (data.conversationId !== conversationId) router.push(`/inbox/${data.conversationId}`);
                    else router.refresh();
                  }}
                />
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="text-xs text-stone-600 underline" onClick={() => setOpen(false)}>
        {t("linkIdentityCancel")}
      </button>
    </div>
  );
}
