// The small public pages of /u/<token>. Plain HTML: they must work in any mail client's browser.
// They speak the customer's language, the one their emails are written in.
import { publicPageMessages } from "@/lib/i18n/messages/public-pages";
import { translator, type UiLocale } from "@/lib/i18n/translate";

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function page(locale: UiLocale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escape(title)}</title></head>
<body style="margin:0;background:#fafaf9;font-family:system-ui,sans-serif;color:#1c1917"><main style="max-width:28rem;margin:15vh auto;padding:2rem;background:#fff;border:1px solid #e7e5e4;border-radius:12px">
<h1 style="font-size:1.2rem;margin:0 0 .75rem">${escape(title)}</h1>${body}</main></body></html>`;
}

/** GET shows a button: link scanners follow links, they do not press buttons. */
export function unsubscribeConfirmPage(shopName: string, action: string, locale: UiLocale): string {
  const t = translator(publicPageMessages, locale);
  return page(
    locale,
    t("confirmTitle", { shop: shopName }),
    `<p style="margin:0 0 1.25rem;line-height:1.5">${escape(t("confirmBody", { shop: shopName }))}</p>
<form method="post" action="${escape(action)}"><button type="submit" style="background:#25654f;color:#fff;border:0;border-radius:6px;padding:.6rem 1rem;font-size:1rem;cursor:pointer">${escape(t("confirmButton"))}</button></form>`,
  );
}

export function unsubscribedPage(shopName: string, locale: UiLocale): string {
  const t = translator(publicPageMessages, locale);
  return page(
    locale,
    t("doneTitle"),
    `<p style="margin:0;line-height:1.5">${escape(t("doneBody", { shop: shopName }))}</p>`,
  );
}

export function invalidLinkPage(locale: UiLocale): string {
  const t = translator(publicPageMessages, locale);
  return page(locale, t("invalidTitle"), `<p style="margin:0;line-height:1.5">${escape(t("invalidBody"))}</p>`);
}
