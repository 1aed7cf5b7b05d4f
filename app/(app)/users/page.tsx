import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { CreateUserForm } from "@/components/users/create-user-form";
import { UsersTable } from "@/components/users/users-table";
import { requireArea } from "@/lib/auth/require-access";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { usersMessages } from "@/lib/i18n/messages/users";
import { listUsers } from "@/lib/users/list-users";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(usersMessages);
  return { title: t("pageTitle") };
}

export default async function UsersPage() {
  const admin = await requireArea("users");
  const [users, { t }] = await Promise.all([listUsers(), getTranslator(usersMessages)]);
  return (
    <>
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} />
      <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
        <UsersTable
          currentUserId={admin.id}
          users={users.map((u) => ({
            ...u,
            deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
            lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
            createdAt: u.createdAt.toISOString(),
          }))}
        />
        <CreateUserForm />
      </div>
    </>
  );
}
