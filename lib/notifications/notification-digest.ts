import "server-only";
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { customerName } from "@/lib/customers/customer-name";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/delivery/providers/transport";
import { configuredChannels, env } from "@/lib/env";
import { notificationsMessages } from "@/lib/i18n/messages/notifications";
import { translator, type UiLocale } from "@/lib/i18n/translate";
import { logError } from "@/lib/log";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";

// The optional daily email of a teammate's unread notifications (Account → Daily digest): at 8:00
// in their time zone, only when something is unread since the last one, never twice a day.

const DIGEST_HOUR = 8;
const MAX_LISTED = 20;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Today's 8:00 in the zone, as an instant: the digest is due from then on. */
function dueSince(now: Date, timeZone: string): Date {
  return fromZonedTime(`${formatInTimeZone(now, timeZone, "yyyy-MM-dd")}T0${DIGEST_HOUR}:00:00`, timeZone);
}

export async function emailDigestEnabled(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailDigest: true } });
  return user?.emailDigest ?? false;
}

export async function setEmailDigest(userId: string, on: boolean): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { emailDigest: on } });
}

/** Sends the digests that are due; how many went. Called by every dispatcher run. */
export async function sendNotificationDigests(now: Date): Promise<number> {
  if (!configuredChannels().email) return 0;
  const settings = await getShopSettingsRow();
  if (!settings) return 0;
  const users = await db.user.findMany({
    where: { emailDigest: true, deactivatedAt: null },
    select: { id: true, email: true, name: true, locale: true, timeZone: true, lastDigestAt: true },
  });
  let sent = 0;
  for (const user of users) {
    const due = dueSince(now, user.timeZone ?? settings.timeZone);
    if (now < due || (user.lastDigestAt && user.lastDigestAt >= due)) continue;
    // Claimed by one UPDATE: two dispatchers at once send it once.
    const { count } = await db.user.updateMany({
      where: { id: user.id, OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: due } }] },
      data: { lastDigestAt: now },
    });
    if (count === 0) continue;
    const since = user.lastDigestAt ?? new Date(now.getTime() - 24 * 60 * 60_000);
    const unread = await db.notification.findMany({
      where: { userId: user.id, readAt: null, createdAt: { gt: since, lte: now } },
      orderBy: { createdAt: "desc" },
      take: MAX_LISTED + 1,
      select: {
        kind: true,
        conversationId: true,
        actor: { select: { name: true } },
        conversation: {
          select: { customer: { select: { firstName: true, lastName: true, email: true, phone: true } } },
        },
      },
    });
    if (unread.length === 0) continue;
    const locale: UiLocale = (user.locale ?? settings.defaultLocale) === "fr" ? "fr" : "en";
    const t = translator(notificationsMessages, locale);
    const base = env().APP_URL.replace(/\/$/, "");
    const lines = unread.slice(0, MAX_LISTED).map((notification) => ({
      text: t(`kind_${notification.kind}`, {
        actor: notification.actor?.name ?? t("someone"),
        customer: customerName(notification.conversation.customer) ?? t("aCustomer"),
      }),
      url: `${base}/inbox/${notification.conversationId}`,
    }));
    const more = unread.length > MAX_LISTED ? t("digestMore") : "";
    const outcome = await sendEmail(
      {
        from: `"Reply Inbox" <${settings.senderEmail}>`,
        to: user.email,
        replyTo: null,
        subject: t("digestSubject", { shop: settings.shopName }),
        textBody: [
          t("digestIntro", { name: user.name }),
          "",
          // French puts a space before the colon.
          ...lines.map((line) => `- ${line.text}${locale === "fr" ? " :" : ":"} ${line.url}`),
          more,
          "",
          t("digestFooter", { url: `${base}/account` }),
        ].join("\n"),
        htmlBody: `<p>${escapeHtml(t("digestIntro", { name: user.name }))}</p><ul>${lines
          .map((line) => `<li><a href="${escapeHtml(line.url)}">${escapeHtml(line.text)}</a></li>`)
          .join(
            "",
          )}</ul>${more ? `<p>${escapeHtml(more)}</p>` : ""}<p style="color:#78716c;font-size:12px">${escapeHtml(
          t("digestFooter", { url: `${base}/account` }),
        )}</p>`,
        headers: [],
        metadata: { purpose: "notification_digest", userId: user.id },
      },
      now,
    );
    if (outcome.kind === "sent") sent++;
    else {
      logError("notifications", `digest for user ${user.id} not sent: ${outcome.error}`);
      // Not sent: the next run tries again with the same notifications.
      await db.user.updateMany({
        where: { id: user.id, lastDigestAt: now },
        data: { lastDigestAt: user.lastDigestAt },
      });
    }
  }
  return sent;
}
