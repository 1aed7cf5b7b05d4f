import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { FirstRunForm } from "@/components/auth/first-run-form";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { authMessages } from "@/lib/i18n/messages/auth";
import { needsFirstAdmin } from "@/lib/users/first-admin";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(authMessages);
  return { title: t("firstRunTitle") };
}

/** Only while the installation has no admin: then it is gone for good. */
export default async function FirstRunPage() {
  if (!(await needsFirstAdmin())) redirect("/signin");
  const { t } = await getTranslator(authMessages);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl border border-stone-200 bg-white p-8 shadow-sm">
        <h1 className="text-lg font-semibold">{t("firstRunHeading")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("firstRunIntro")}</p>
        <FirstRunForm />
      </div>
    </main>
  );
}
