"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { LanguageSelect } from "@/components/app-shell/language-select";
import { NotificationsLink } from "@/components/app-shell/notifications-link";
import { useTranslator } from "@/components/i18n/locale-provider";
import type { AreaKey, Role } from "@/lib/auth/permissions";
import type { LocaleChoice } from "@/lib/i18n/locale-choice";
import { shellMessages } from "@/lib/i18n/messages/shell";

type NavArea = { key: AreaKey; href: string };

export function AppNav({
  areas,
  user,
  localeChoice,
}: {
  areas: NavArea[];
  user: { name: string; email: string; role: Role };
  localeChoice: LocaleChoice;
}) {
  const pathname = usePathname();
  const { t } = useTranslator(shellMessages);
  return (
    <aside className="flex shrink-0 flex-col border-b border-stone-200 bg-white md:min-h-screen md:w-56 md:border-r md:border-b-0">
      <div className="px-5 py-4 text-base font-semibold tracking-tight text-brand-700">Reply Inbox</div>
      <nav aria-label={t("mainNavigation")} className="flex flex-wrap gap-1 px-3 md:flex-col">
        {areas.map((area) => {
          const active = pathname === area.href || pathname.startsWith(`${area.href}/`);
          return (
            <Link
              key={area.key}
              href={area.href}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-medium text-brand-700" : "text-stone-700 hover:bg-stone-100"}`}
            >
              {t(`area.${area.key}`)}
            </Link>
          );
        })}
      </nav>
      <div className="mt-auto space-y-3 border-t border-stone-200 px-5 py-4 text-sm">
        <div>
          <p className="truncate font-medium" data-testid="current-user" title={user.name}>
            {user.name}
          </p>
          <p className="truncate text-xs text-stone-500" title={user.email}>
            {user.email} · <span data-testid="current-role">{t(`role.${user.role}`)}</span>
          </p>
        </div>
        <NotificationsLink />
        <Link
          href="/account"
          className="block text-xs text-stone-600 underline hover:text-stone-900"
          aria-current={pathname === "/account" ? "page" : undefined}
        >
          {t("yourAccount")}
        </Link>
        <LanguageSelect choice={localeChoice} />
        <button
          type="button"
          onClick={() => signOut({ callbackUrl: "/signin" })}
          className="text-xs text-stone-600 underline hover:text-stone-900"
        >
          {t("signOut")}
        </button>
      </div>
    </aside>
  );
}
