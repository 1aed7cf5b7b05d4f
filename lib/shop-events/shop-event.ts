// Channel-neutral shop events: what Shopify webhooks and the generic events API both become.
// Pure types; lib/shop-events/apply-shop-event.ts stores them.
import type { SmsConsentGrant } from "@/lib/consent/sms-consent";
import type { Locale } from "@/lib/generated/prisma/enums";
import type { ComplianceTopic } from "@/lib/privacy/privacy-requests";

export type CustomerDetails = {
  externalId?: string | null;
  email?: string | null;
  /** E.164, already normalised. */
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  locale?: Locale | null;
  timeZone?: string | null;
};

export type LineItemDetails = {
  productExternalId: string | null;
  sku: string | null;
  title: string;
  quantity: number;
  /** Decimal as a string, e.g. "89.00". */
  unitPrice: string;
  /** Product category name (events API); Shopify does not send one. */
  category?: string | null;
};

export type CheckoutDetails = {
  externalId: string;
  customer: CustomerDetails;
  currency: string;
  totalPrice: string;
  checkoutUrl: string | null;
  startedAt: Date;
  lastActivityAt: Date;
  completedAt: Date | null;
  lineItems: LineItemDetails[];
};

export type OrderDetails = {
  externalId: string;
  number: string;
  checkoutExternalId: string | null;
  customer: CustomerDetails;
  currency: string;
  totalPrice: string;
  placedAt: Date;
  paidAt: Date | null;
  lineItems: LineItemDetails[];
};

export type ShopEvent =
  | { type: "checkout.updated"; checkout: CheckoutDetails; smsConsent: SmsConsentGrant | null }
  | { type: "order.placed"; order: OrderDetails; smsConsent: SmsConsentGrant | null }
  | { type: "order.delivered"; orderExternalId: string; deliveredAt: Date }
  | {
      type: "review.created";
      externalId: string;
      orderExternalId: string | null;
      customer: CustomerDetails;
      rating: number | null;
      createdAt: Date;
    }
  | {
      type: "compliance.request";
      topic: ComplianceTopic;
      subject: { externalId: string | null; email: string | null; phone: string | null } | null;
    };
