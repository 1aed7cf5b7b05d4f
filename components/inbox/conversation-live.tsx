"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

type Live = { replying: boolean; setReplying: (replying: boolean) => void };
const LiveContext = createContext<Live>({ replying: false, setReplying: () => {} });

/** The composer says when the agent is typing; the heartbeat tells the others. */
export function useReplying(): Live {
  return useContext(LiveContext);
}

const HEARTBEAT_MS = 5_000;

type Snapshot = {
  others: { userId: string; name: string; replying: boolean }[];
  latestMessageId: string | null;
  updatedAt: string | null;
};
type Props = { conversationId: string; latestMessageId: string | null; updatedAt: string };

/**
 * Keeps an open conversation live: a heartbeat says who else is here (and typing), and a new
 * message in the thread, from the customer or a teammate, refreshes the page without a reload.
 */
export function ConversationLive({ children, ...props }: Props & { children: ReactNode }) {
  const [replying, setReplying] = useState(false);
  return (
    <LiveContext.Provider value={{ replying, setReplying }}>
      <PresenceBar {...props} replying={replying} />
      {children}
    </LiveContext.Provider>
  );
}

function PresenceBar({ conversationId, latestMessageId, updatedAt, replying }: Props & { replying: boolean }) {
  const router = useRouter();
  const { t } = useTranslator(inboxMessages);
  const url = `/api/inbox/conversations/${conversationId}/presence`;
  const presence = useQuery({
    queryKey: ["presence", conversationId, replying],
    queryFn: async (): Promise<Snapshot> => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ replying }),
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`presence ${response.status}`);
      return response.json();
    },
    refetchInterval: HEARTBEAT_MS,
    refetchIntervalInBackground: false,
  });

  const latestSeen = presence.data?.latestMessageId;
  const changedAt = presence.data?.updatedAt;
  useEffect(() => {
    // A message or a change by someone else (status, assignee) since this page was rendered.
    if ((latestSeen && latestSeen !== latestMessageId) || (changedAt && changedAt > updatedAt)) router.refresh();
  }, [latestSeen, latestMessageId, changedAt, updatedAt, router]);

  // Leaving the page frees the seat at once rather than after the heartbeat expires.
  useEffect(() => () => void fetch(url, { method: "DELETE", keepalive: true }).catch(() => {}), [url]);

  const others = presence.data?.others ?? [];
  if (others.length === 0) return null;
  return (
    <p
      role="status"
      data-testid="presence"
      className="rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-900"
    >
      {others
        .map((other) => t(other.replying ? "presenceReplying" : "presenceViewing", { name: other.name }))
        .join(" · ")}
    </p>
  );
}
