"use client";

import { useMemo, useState } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import { templateMessages } from "@/lib/i18n/messages/templates";
import { smsSize } from "@/lib/sms/sms-segments";
import { renderEmailHtml } from "@/lib/templates/render-email-html";
import { renderTemplate, TemplateRenderError } from "@/lib/templates/render-template";
import type { PreviewCustomer } from "@/lib/templates/preview-customers";

type Props = {
  channel: "email" | "sms";
  locale: "en" | "fr";
  subject: string;
  preheader: string;
  body: string;
  signature: string;
  customers: PreviewCustomer[];
};

const UNSUBSCRIBE = { en: "Unsubscribe from these emails", fr: "Ne plus recevoir ces e-mails" };
// Email clients in dark mode repaint a light mail; this approximates what the customer sees.
const DARK =
  "<style>body{background:#1c1917!important}div,p,li{color:#e7e5e4!important}a{color:#6ee7b7!important}</style>";

/** The message as the chosen customer would get it: the mail in light and dark, or the SMS with its cost. */
export function TemplatePreview({ channel, locale, subject, preheader, body, signature, customers }: Props) {
  const { t } = useTranslator(templateMessages);
  const [customerId, setCustomerId] = useState(
    customers.find((c) => c.locale === locale)?.id ?? customers[0]?.id ?? "",
  );
  const [dark, setDark] = useState(false);
  const customer = customers.find((c) => c.id === customerId) ?? customers[0];

  const rendered = useMemo(() => {
    if (!customer) return { error: "no sample customer" } as const;
    try {
      return {
        subject: subject ? renderTemplate(subject, customer.values, locale) : "",
        preheader: preheader ? renderTemplate(preheader, customer.values, locale) : "",
        body: renderTemplate(body, customer.values, locale),
      } as const;
    } catch (error) {
      return { error: error instanceof TemplateRenderError ? error.message : String(error) } as const;
    }
  }, [customer, subject, preheader, body, locale]);

  return (
    <section aria-label={t("preview")} className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          {t("previewOn")}
          <select
            value={customerId}
            onChange={(event) => setCustomerId(event.target.value)}
            className="rounded-md border border-stone-300 px-2 py-1"
          >
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {channel === "email" && (
          <div role="group" aria-label={t("preview")} className="flex gap-1">
            <button
              type="button"
              aria-pressed={!dark}
              onClick={() => setDark(false)}
              className={`rounded px-2 py-1 ${dark ? "text-stone-600" : "bg-stone-200"}`}
            >
              {t("light")}
            </button>
            <button
              type="button"
              aria-pressed={dark}
              onClick={() => setDark(true)}
              className={`rounded px-2 py-1 ${dark ? "bg-stone-800 text-white" : "text-stone-600"}`}
            >
              {t("dark")}
            </button>
          </div>
        )}
      </div>
      {"error" in rendered ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {t("previewError", { error: rendered.error ?? "" })}
        </p>
      ) : channel === "email" ? (
        <div className="overflow-hidden rounded-lg border border-stone-200">
          <div className="border-b border-stone-200 bg-stone-50 px-3 py-2 text-sm">
            <p className="font-medium" data-testid="preview-subject">
              {rendered.subject}
            </p>
            {rendered.preheader && <p className="text-xs text-stone-500">{rendered.preheader}</p>}
          </div>
          <iframe
            title={t("preview")}
            sandbox=""
            className="h-96 w-full bg-white"
            srcDoc={renderEmailHtml({
              body: rendered.body,
              preheader: rendered.preheader || null,
              signature,
              unsubscribeUrl: "#",
              unsubscribeLabel: UNSUBSCRIBE[locale],
              locale,
            }).replace("</head>", `${dark ? DARK : ""}</head>`)}
          />
        </div>
      ) : (
        <SmsPreview text={rendered.body} />
      )}
    </section>
  );
}

function SmsPreview({ text }: { text: string }) {
  const { t } = useTranslator(templateMessages);
  const size = smsSize(text);
  return (
    <div className="space-y-2">
      <p
        data-testid="sms-preview"
        className="max-w-xs whitespace-pre-wrap rounded-2xl rounded-bl-sm bg-stone-200 px-4 py-2 text-sm"
      >
        {text}
      </p>
      <p className="text-xs text-stone-600">
        {t("smsStats", { characters: size.units, segments: size.segments, encoding: size.encoding })}
      </p>
      <p className="text-xs text-stone-600">
        {t("smsStop", { state: /\bSTOP\b/.test(text) ? t("present") : t("missing") })}
      </p>
    </div>
  );
}
