import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { BrowserTimeZoneCookie } from "@/components/i18n/browser-time-zone-cookie";
import { getUiLocale } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Reply Inbox", template: "%s · Reply Inbox" },
  description: "The support inbox where customers talk to the founder.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getUiLocale();
  const timeZone = await viewerTimeZone();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <Providers locale={locale} timeZone={timeZone}>
          <BrowserTimeZoneCookie />
          {children}
        </Providers>
      </body>
    </html>
  );
}
