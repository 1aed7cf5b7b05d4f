"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";

type NavArea = { key: string; label: string; href: string };

export function AppNav({ areas, user }: { areas: NavArea[]; user: { name: string; email: string; roleLabel: string } }) {
  const pathname = usePathname();
  return (
    <aside className="flex shrink-0 flex-col border-b border-stone-200 bg-white md:min-h-screen md:w-56 md:border-r md:border-b-0">
      <div className="px-5 py-4 text-base font-semibold tracking-tight text-brand-700">Reply Inbox</div>
      <nav aria-label="Main" className="flex gap-1 px-3 md:flex-col">
        {areas.map((area) => {
          const active = pathname === area.href || pathname.startsWith(`${area.href}/`);
          return (
            <Link
              key={area.key}
              href={area.href}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-medium text-brand-700" : "text-stone-700 hover:bg-stone-100"}`}
            >
              {area.label}
            </Link>
          );
        })}
      </nav>
      <div className="mt-auto border-t border-stone-200 px-5 py-4 text-sm">
        <p className="font-medium" data-testid="current-user">
          {user.name}
        </p>
        <p className="text-xs text-stone-500">
          {user.email} · <span data-testid="current-role">{user.roleLabel}</span>
        </p>
        <button type="button" onClick={() => signOut({ callbackUrl: "/signin" })} className="mt-2 text-xs text-stone-600 underline hover:text-stone-900">
          Sign out
        </button>
      </div>
    </aside>
  );
}
