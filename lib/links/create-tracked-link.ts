import "server-only";
import { randomBytes } from "node:crypto";
import type { DbClient } from "@/lib/db";
import type { LinkKind } from "@/lib/generated/prisma/enums";

export type TrackedLinkRequest = {
  kind: LinkKind;
  targetUrl: string;
  customerId: string;
  scheduledMessageId?: string | null;
  messageId?: string | null;
};

/** The public part of a tracked link's address. */
export function newLinkToken(): string {
  // 10 characters (60 random bits): short enough for a one-segment SMS, too many to guess even
  // among millions of links (a checkout link restores the customer's cart).
  return randomBytes(8).toString("base64url").slice(0, 10);
}

/** A short public link (/r/<token>) that records the click, then redirects to the target. */
export async function createTrackedLink(
  request: TrackedLinkRequest,
  appUrl: string,
  tx: DbClient,
): Promise<{ id: string; url: string }> {
  const token = newLinkToken();
  const link = await tx.trackedLink.create({ data: { ...request, token } });
  return { id: link.id, url: `${appUrl.replace(/\/$/, "")}/r/${token}` };
}

/** The shop's review URL with UTM parameters naming the flow and channel. */
export function reviewTargetUrl(reviewUrl: string, flow: string, channel: string): string {
  const url = new URL(reviewUrl);
  url.searchParams.set("utm_source", "reply-inbox");
  url.searchParams.set("utm_medium", channel);
  url.searchParams.set("utm_campaign", flow);
  return url.toString();
}
