"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { TimeZoneProvider } from "@/components/i18n/time-zone-provider";
import type { UiLocale } from "@/lib/i18n/translate";

export function Providers({ locale, timeZone, children }: { locale: UiLocale; timeZone: string; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } }),
  );
  return (
    <LocaleProvider locale={locale}>
      <TimeZoneProvider timeZone={timeZone}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </TimeZoneProvider>
    </LocaleProvider>
  );
}
