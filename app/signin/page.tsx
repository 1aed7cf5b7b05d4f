import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { needsFirstAdmin } from "@/lib/users/first-admin";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { authMessages } from "@/lib/i18n/messages/auth";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(authMessages);
  return { title: t("pageTitle") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(Array.isArray(params.callbackUrl) ? params.callbackUrl[0] : params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  // A new installation has nobody to sign in yet: its first admin is created first.
  if (await needsFirstAdmin()) redirect("/first-run");
  const { t } = await getTranslator(authMessages);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-stone-200 bg-white p-8 shadow-sm">
        <h1 className="text-lg font-semibold">{t("heading")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
        <SignInForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
