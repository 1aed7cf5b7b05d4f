// The small public pages of /u/<token>. Plain HTML: they must work in any mail client's browser.

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escape(title)}</title></head>
<body style="margin:0;background:#fafaf9;font-family:system-ui,sans-serif;color:#1c1917"><main style="max-width:28rem;margin:15vh auto;padding:2rem;background:#fff;border:1px solid #e7e5e4;border-radius:12px">
<h1 style="font-size:1.2rem;margin:0 0 .75rem">${escape(title)}</h1>${body}</main></body></html>`;
}

/** GET shows a button: link scanners follow links, they do not press buttons. */
export function unsubscribeConfirmPage(shopName: string, action: string): string {
  return page(
    `Unsubscribe from ${shopName} emails?`,
    `<p style="margin:0 0 1.25rem;line-height:1.5">You will get no more emails from ${escape(shopName)} about your orders and reviews. / Vous ne recevrez plus d'e-mails de ${escape(shopName)}.</p>
<form method="post" action="${escape(action)}"><button type="submit" style="background:#25654f;color:#fff;border:0;border-radius:6px;padding:.6rem 1rem;font-size:1rem;cursor:pointer">Unsubscribe / Me désabonner</button></form>`,
  );
}

export function unsubscribedPage(shopName: string): string {
  return page("You are unsubscribed", `<p style="margin:0;line-height:1.5">${escape(shopName)} will not email you again. / ${escape(shopName)} ne vous écrira plus.</p>`);
}

export function invalidLinkPage(): string {
  return page("This link is not valid", `<p style="margin:0;line-height:1.5">It may have been copied incompletely. Reply to any of our emails and we will unsubscribe you by hand.</p>`);
}
