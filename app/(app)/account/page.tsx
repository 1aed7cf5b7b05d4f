import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { DigestForm } from "@/components/account/digest-form";
import { emailDigestEnabled } from "@/lib/notifications/notification-digest";
import { TimeZoneForm } from "@/components/account/time-zone-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/require-access";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { browserTimeZone, getTimeZoneChoice } from "@/lib/auth/viewer-time-zone";
import { accountMessages } from "@/lib/i18n/messages/account";
import { shellMessages } from "@/lib/i18n/messages/shell";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(accountMessages);
  return { title: t("pageTitle") };
}

export default async function AccountPage() {
  const user = await requireUser();
  const [{ t }, { t: shell }, timeZoneChoice, browserZone, digest] = await Promise.all([
    getTranslator(accountMessages),
    getTranslator(shellMessages),
    getTimeZoneChoice(),
    browserTimeZone(),
    emailDigestEnabled(user.id),
  ]);
  return (
    <>
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} />
      <div className="grid gap-8 lg:grid-cols-[1fr_24rem]">
        <section aria-labelledby="profile-title" className="rounded-lg border border-stone-200 bg-white p-5 text-sm">
          <h2 id="profile-title" className="text-sm font-semibold">
            {t("profileTitle")}
          </h2>
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2">
            <dt className="text-stone-500">{t("name")}</dt>
            <dd className="min-w-0 truncate" title={user.name}>
              {user.name}
            </dd>
            <dt className="text-stone-500">{t("email")}</dt>
            <dd className="min-w-0 break-all">{user.email}</dd>
            <dt className="text-stone-500">{t("role")}</dt>
            <dd>{shell(`role.${user.role}`)}</dd>
          </dl>
        </section>
        <div className="space-y-8">
          <TimeZoneForm
            choice={timeZoneChoice}
            browserZone={browserZone ?? "UTC"}
            timeZones={[...Intl.supportedValuesOf("timeZone"), "UTC"]}
          />
          <DigestForm enabled={digest} />
          <ChangePasswordForm />
        </div>
      </div>
    </>
  );
}
