"use client";

import { createContext, useContext, type ReactNode } from "react";

// The viewer's zone, resolved once on the server (lib/auth/viewer-time-zone.ts) and handed to
// every client component, so the browser formats exactly what the server rendered.
const TimeZoneContext = createContext<string>("UTC");

export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

export function useViewerTimeZone(): string {
  return useContext(TimeZoneContext);
}
