import "server-only";
import type { DbClient } from "@/lib/db";
import { smsStateOf } from "@/lib/consent/sms-consent";
import { STEPS } from "@/lib/outbound/flow-steps";
import { customerHasOpenProblem, OPEN_PROBLEM_REASON } from "@/lib/outbound/review-pause";
import { scheduleMessage } from "@/lib/outbound/schedule-message";
import { getFlowSettings } from "@/lib/settings/get-flow-settings";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * On first delivery: the day 1 check-in, day 5 review request and day 14 reminder by email, and
 * one SMS review request after the category's delay (the longest among the order's products).
 * Consent, suppression and reviews are checked again when each is sent.
 */
export async function schedulePostDelivery(orderId: string, tx: DbClient): Promise<void> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { customer: true, lineItems: { include: { product: { include: { category: true } } } } },
  });
  const { customer, deliveredAt } = order;
  if (!customer || !deliveredAt) return;
  const settings = await getFlowSettings(tx);
  const at = (days: number) => new Date(deliveredAt.getTime() + days * DAY_MS);
  const paused = await customerHasOpenProblem(customer.id, tx);
  const review = paused ? ({ status: "paused", statusReason: OPEN_PROBLEM_REASON } as const) : {};
  const common = { subjectId: order.id, customerId: customer.id, orderId: order.id };

  if (customer.email) {
    await scheduleMessage({ ...common, step: STEPS.checkIn, dueAt: at(settings.postDeliveryCheckInDays) }, tx);
    await scheduleMessage(
      { ...common, step: STEPS.reviewRequest, dueAt: at(settings.postDeliveryReviewDays), ...review },
      tx,
    );
    await scheduleMessage(
      { ...common, step: STEPS.lastReminder, dueAt: at(settings.postDeliveryReminderDays), ...review },
      tx,
    );
  }
  const sms = await smsStateOf(customer.phone, tx);
  if (customer.phone && sms.smsConsentAt && !sms.smsOptedOutAt) {
    const categoryDelays = order.lineItems
      .map((item) => item.product?.category?.smsReviewDelayDays)
      .filter((d): d is number => d != null);
    const delayDays = categoryDelays.length ? Math.max(...categoryDelays) : settings.smsReviewDelayDays;
    await scheduleMessage({ ...common, step: STEPS.smsReviewRequest, dueAt: at(delayDays), ...review }, tx);
  }
}
