import type { ReactNode } from "react";
import { KeyboardShortcuts } from "@/components/inbox/keyboard-shortcuts";

export default function InboxLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <KeyboardShortcuts />
    </>
  );
}
